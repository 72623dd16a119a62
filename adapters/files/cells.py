"""Cell text a spreadsheet will not run, and read back exactly as it was.

A CSV cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by
Excel and LibreOffice as a formula, so an e-mail subject such as ``=HYPERLINK(...)`` would run
on the team's machine. OWASP's advice is to put an apostrophe before such a cell. defusedcsv
does that, but it leaves cells starting with a tab or a carriage return alone, rewrites every
``|`` in a cell to ``\\|`` and leaves a cell that already starts with an apostrophe as it is,
so its output cannot be imported back unchanged. Hence this one pair of functions, shared by
every CSV the product writes and reads: the apostrophe is also put before a cell that starts
with one, so that stripping exactly one on reading restores every value.

XLSX files need none of this: their cells are written as text cells, which never run.
"""

from __future__ import annotations

import re

#: What makes a spreadsheet read a cell as a formula (OWASP's list) and the escape itself.
_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "'")
#: Plain numbers ("-3", "+4.5", "-1,200") are not formulas; Excel keeps them numbers.
_NUMBER = re.compile(r"[+-]?\d[\d,]*(\.\d+)?")


def escape_cell(text: str) -> str:
    """The cell as written to CSV: an apostrophe before text a spreadsheet would run."""
    if text.startswith(_TRIGGERS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def unescape_cell(text: str) -> str:
    """The value of a CSV cell written by :func:`escape_cell` (other cells unchanged)."""
    if text.startswith("'") and text[1:].startswith(_TRIGGERS):
        return text[1:]
    return text
