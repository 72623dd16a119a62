"""``harmonibot doctor``: checks a configuration before going live, and changes nothing.

Each check says what it found and, for a problem, what to do. The checks only read: the
database is opened but never migrated, Slack is asked who people are but nobody is linked,
the mailbox folder is opened read-only.
"""
