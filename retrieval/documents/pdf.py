"""Read a PDF page by page with PDFium, its tables (found by pdfplumber) as rows."""

from __future__ import annotations

import io
import logging
import re

import pdfplumber
import pypdfium2 as pdfium

from retrieval.documents.extracted import Extracted, iso_date, short
from retrieval.documents.tables import table_lines
from retrieval.errors import DocumentError

log = logging.getLogger(__name__)
# A line that ends like a sentence, a list marker or a short heading ends its paragraph.
_PARAGRAPH_END = re.compile(r"([다요죠음함임.!?。:)\]”\"']|\d)\s*$")
_SHORT_LINE = 40
Box = tuple[float, float, float, float]  # x0, top, x1, bottom, from the page's top left


def unwrap(text: str) -> str:
    """A page's text with lines the layout wrapped joined again, so sentences stay whole."""
    out: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        line = line.strip()
        if not line:
            continue
        prev = out[-1] if out else ""
        if prev and len(prev) > _SHORT_LINE and not _PARAGRAPH_END.search(prev):
            out[-1] = f"{prev} {line}"
        else:
            out.append(line)
    return "\n".join(out)


def _bounded(textpage: pdfium.PdfTextPage, height: float, box: Box) -> str:
    """The text inside a box given from the top left (PDFium counts from the bottom left)."""
    x0, top, x1, bottom = box
    return textpage.get_text_bounded(x0, height - bottom, x1, height - top)


def _tables(plumber: pdfplumber.PDF | None, number: int) -> list[tuple[Box, list[list[Box | None]]]]:
    """The tables pdfplumber finds on a page (from its ruling lines), as cell boxes per row."""
    if plumber is None:
        return []
    try:
        found = plumber.pages[number].find_tables()
    except Exception as exc:  # pdfminer trips on odd pages; the text is still read
        log.info("tables of page %d not read: %r", number + 1, exc)
        return []
    return [(t.bbox, [list(r.cells) for r in t.rows]) for t in found]


def _page(page: pdfium.PdfPage, tables: list[tuple[Box, list[list[Box | None]]]],
          rows: set[str]) -> str:
    """A page's text top to bottom, each table replaced by its row lines."""
    textpage = page.get_textpage()
    width, height = page.get_size()
    if not tables:
        return unwrap(textpage.get_text_range())
    parts: list[str] = []
    y = 0.0
    for box, cells in sorted(tables, key=lambda t: t[0][1]):
        parts.append(unwrap(_bounded(textpage, height, (0, y, width, box[1]))))
        grid = [[_bounded(textpage, height, c) if c else "" for c in row] for row in cells]
        lines, body = table_lines(grid)
        parts.extend(lines)
        rows.update(body)
        y = max(y, box[3])
    parts.append(unwrap(_bounded(textpage, height, (0, y, width, height))))
    return "\n".join(p for p in parts if p.strip())


def _has_paths(page: pdfium.PdfPage) -> bool:
    """True when a page draws lines or boxes, the only place pdfplumber looks for tables."""
    return any(True for _ in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_PATH], max_depth=1))


def read_pdf(raw: bytes, source: str) -> Extracted:
    """The text of every page, or a DocumentError for an encrypted, broken or scanned PDF."""
    try:
        doc = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise DocumentError(source, "is an encrypted PDF; save a copy without a password"
                                        " and ingest that") from exc
        raise DocumentError(source, f"is not a readable PDF ({exc})") from exc
    plumber: pdfplumber.PDF | None = None
    plumber_failed = False
    try:
        meta = doc.get_metadata_dict(skip_empty=True)
        pages: list[str] = []
        rows: set[str] = set()
        for number in range(len(doc)):
            page = doc[number]
            drawn = _has_paths(page)
            if drawn and plumber is None and not plumber_failed:
                try:
                    plumber = pdfplumber.open(io.BytesIO(raw))
                except Exception as exc:  # its parser trips where PDFium's does not
                    plumber_failed = True
                    log.info("%s: tables not read (%r)", source, exc)
            pages.append(_page(page, _tables(plumber, number) if drawn else [], rows))
    finally:
        if plumber is not None:
            plumber.close()
        doc.close()
    if not any(p.strip() for p in pages):
        raise DocumentError(source, f"has no text layer on any of its {len(pages)} pages (a"
                                    " scanned PDF); it needs OCR first")
    return Extracted(tuple(pages), "pdf", paged=True, rows=frozenset(rows),
                     title=short(meta.get("Title")), published=iso_date(meta.get("CreationDate")))
