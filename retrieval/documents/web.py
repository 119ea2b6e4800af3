"""Read a saved web page through trafilatura's main-content extraction: no menus or sidebars."""

from __future__ import annotations

import logging

import trafilatura
from lxml import etree

from retrieval.documents.clean import html_to_text
from retrieval.documents.extracted import Extracted, iso_date, short
from retrieval.documents.tables import table_lines

log = logging.getLogger(__name__)


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _lines(main: etree._Element, rows: list[str]) -> list[str]:
    """The blocks of trafilatura's XML as lines: list items one each, tables row by row."""
    out: list[str] = []
    for el in main:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "table":
            grid = [[_text(cell) for cell in row if cell.tag == "cell"]
                    for row in el.iter("row")]
            lines, body = table_lines(grid)
            out.extend(lines)
            rows.extend(body)
        elif tag == "list":
            out.extend(_text(item) for item in el.iter("item"))
        elif tag:
            out.append(_text(el))
    return [line for line in out if line]


def read_html(markup: str) -> Extracted:
    """A page's main content with its title, date and URL; the whole visible text if none is found."""
    try:
        xml = trafilatura.extract(markup, output_format="xml", include_tables=True,
                                  include_comments=False, include_images=False,
                                  with_metadata=True)
        root = etree.fromstring(xml.encode()) if xml else None
    except Exception as exc:  # the extractor is best effort; the page's visible text still is
        log.info("main-content extraction failed: %r", exc)
        root = None
    main = root.find("main") if root is not None else None
    rows: list[str] = []
    lines = _lines(main, rows) if main is not None else []
    if root is None or not lines:
        return Extracted((html_to_text(markup),), "html")
    return Extracted(("\n".join(lines),), "html", rows=frozenset(rows),
                     title=short(root.get("title")), published=iso_date(root.get("date")),
                     url=_url(root.get("url")))


def _url(value: str | None) -> str | None:
    """A page's own address, only when it is a web address."""
    return value if value and value.startswith(("http://", "https://")) and " " not in value else None
