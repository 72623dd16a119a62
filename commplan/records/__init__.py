"""File records: the columns of each import/export format, validated row by row."""
