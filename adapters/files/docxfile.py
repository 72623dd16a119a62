"""Word documents: the plan's table, as the steering group writes it."""

from __future__ import annotations

import io

from adapters.files.limits import FileLimits, too_many_rows
from commplan.errors import ImportRejected, InvalidInput, RowProblem
from commplan.records.plan import rows_from_document
from commplan.records.table import Table


def read_docx(content: bytes, *, source: str, limits: FileLimits) -> Table:
    """The first table of a Word document with Tactic and Timing columns.

    Raises:
        ImportRejected: no such table, or one longer than ``limits`` allow.
    """
    from docx import Document

    document = Document(io.BytesIO(content))
    for table in document.tables:
        if len(table.rows) > limits.max_rows + 1:
            raise too_many_rows(source, limits, len(table.rows))
        cells = [[cell.text for cell in row.cells] for row in table.rows]
        try:
            return rows_from_document(cells, source=source)
        except InvalidInput:
            continue
    reason = "no table with Tactic and Timing columns"
    raise ImportRejected([RowProblem(source=source, row=1, column="tactic", reason=reason)])
