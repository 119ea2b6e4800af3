"""Read a Word (DOCX) file with python-docx: paragraphs and tables in document order."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from lxml import etree

from retrieval.documents.extracted import Extracted, iso_date, short
from retrieval.documents.tables import table_lines
from retrieval.errors import DocumentError


def _grid(table: Table) -> list[list[str]]:
    """A table's cell texts; a cell merged across columns counts once, the rest left empty."""
    grid = []
    for row in table.rows:
        cells: list[str] = []
        last = None
        for cell in row.cells:
            cells.append("" if cell._tc is last else cell.text)
            last = cell._tc
        grid.append(cells)
    return grid


def read_docx(raw: bytes, source: str) -> Extracted:
    """The text of a DOCX file, each table row one line, or a DocumentError when it is broken."""
    try:
        document = docx.Document(io.BytesIO(raw))
        lines: list[str] = []
        rows: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                table, body = table_lines(_grid(block))
                lines.extend(table)
                rows.extend(body)
            else:
                lines.append(block.text)
        props = document.core_properties
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError,
            etree.XMLSyntaxError) as exc:
        raise DocumentError(source, f"is not a readable DOCX file ({exc}); open and save it"
                                    " again in Word") from exc
    return Extracted(("\n".join(lines),), "docx", rows=frozenset(rows), title=short(props.title),
                     published=iso_date(props.created))
