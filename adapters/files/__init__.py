"""Reading and writing tables as CSV, XLSX and (for the plan) Word documents."""

from adapters.files.tables import read_table, write_table

__all__ = ["read_table", "write_table"]
