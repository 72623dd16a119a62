"""The ``harmonibot`` command line."""
