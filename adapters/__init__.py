"""The edges: chat platforms, e-mail, files, the web, the scheduler, the command line."""
