"""Read a 한글 HWPX file: a zip of OWPML XML sections, paragraphs and tables in order.

HWP 5 (the older binary format) is not read: no maintained pure-Python library reads it
reliably, so such a file is reported with the hint to save it as HWPX or PDF.
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from retrieval.documents.extracted import Extracted, iso_date, short
from retrieval.documents.tables import table_lines
from retrieval.errors import DocumentError

_SECTION = re.compile(r"^Contents/section(\d+)\.xml$")
_MAX_XML_BYTES = 200_000_000  # unzipped; a zip bomb stops here
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                          remove_comments=True, remove_pis=True)


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _cell_text(cell: etree._Element) -> str:
    return " ".join(" ".join(_paragraph_lines(p, [])) for sub in cell if _local(sub) == "subList"
                    for p in sub if _local(p) == "p")


def _table(tbl: etree._Element, rows: list[str]) -> list[str]:
    """A table's lines; cells placed by their address, spanned places left empty."""
    placed: dict[tuple[int, int], str] = {}
    for i, tr in enumerate(c for c in tbl if _local(c) == "tr"):
        for j, tc in enumerate(c for c in tr if _local(c) == "tc"):
            addr = next((a for a in tc if _local(a) == "cellAddr"), None)
            row = int(addr.get("rowAddr", i)) if addr is not None else i
            col = int(addr.get("colAddr", j)) if addr is not None else j
            placed[(row, col)] = _cell_text(tc)
    if not placed:
        return []
    height = max(r for r, _ in placed) + 1
    width = max(c for _, c in placed) + 1
    grid = [[placed.get((r, c), "") for c in range(width)] for r in range(height)]
    lines, body = table_lines(grid)
    rows.extend(body)
    return lines


def _paragraph_lines(p: etree._Element, rows: list[str]) -> list[str]:
    """A paragraph's own text, then the lines of the tables inside it."""
    text: list[str] = []
    tables: list[str] = []
    stack = list(reversed(list(p)))
    while stack:
        el = stack.pop()
        name = _local(el)
        if name == "tbl":
            tables.extend(_table(el, rows))
            continue
        if name == "t":
            text.append("".join(el.itertext()))
            continue
        if name in ("lineBreak", "tab"):
            text.append(" ")
        stack.extend(reversed(list(el)))
    line = "".join(text).strip()
    return [line, *tables] if line else tables


def _metadata(archive: zipfile.ZipFile) -> tuple[str | None, str | None]:
    """Title and date from Contents/content.hpf, where the file has them."""
    try:
        root = etree.fromstring(archive.read("Contents/content.hpf"), _PARSER)
    except (KeyError, etree.XMLSyntaxError):
        return None, None
    title = next((short("".join(e.itertext())) for e in root.iter() if _local(e) == "title"), None)
    date = None
    for e in root.iter():
        if _local(e) == "meta" and "date" in (e.get("name") or "").lower():
            # OWPML puts the value in the text and its type ("text") in `content`.
            date = date or iso_date("".join(e.itertext())) or iso_date(e.get("content"))
    return title, date


def read_hwpx(raw: bytes, source: str) -> Extracted:
    """The text of an HWPX file, each table row one line, or a DocumentError when it is broken."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            sections = sorted((int(m[1]), n) for n in archive.namelist()
                              if (m := _SECTION.match(n)))
            if not sections:
                raise DocumentError(source, "is not an HWPX file (no Contents/section0.xml);"
                                            " save it again in 한글")
            if sum(archive.getinfo(n).file_size for _, n in sections) > _MAX_XML_BYTES:
                raise DocumentError(source, "unpacks to more than 200 MB of text; split it")
            lines: list[str] = []
            rows: list[str] = []
            for _, name in sections:
                root = etree.fromstring(archive.read(name), _PARSER)
                for p in root:
                    if _local(p) == "p":
                        lines.extend(_paragraph_lines(p, rows))
            title, date = _metadata(archive)
    except (zipfile.BadZipFile, etree.XMLSyntaxError, ValueError, EOFError) as exc:
        raise DocumentError(source, f"is not a readable HWPX file ({exc}); save it again in"
                                    " 한글") from exc
    return Extracted(("\n".join(lines),), "hwpx", rows=frozenset(rows), title=title,
                     published=date)


def refuse_hwp(source: str) -> DocumentError:
    """Why an HWP 5 file is skipped, and what to do."""
    return DocumentError(source, "is an HWP 5 file, which is not read; save it as HWPX or PDF"
                                 " in 한글 and ingest that")
