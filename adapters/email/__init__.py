"""E-mail intake: parse raw messages and read .eml files and mbox archives."""
