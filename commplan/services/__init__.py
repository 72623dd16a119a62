"""Use cases: plain functions over a unit of work, called by every adapter alike."""
