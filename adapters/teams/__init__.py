"""Microsoft Teams: ``/api/messages`` on botbuilder's CloudAdapter, cards, proactive nudges.

botbuilder is imported only inside this package (and only by the modules that need it: the
renderer and the stored-reference helpers stay free of it), so that moving to the
Microsoft 365 Agents SDK replaces this one folder.
"""
