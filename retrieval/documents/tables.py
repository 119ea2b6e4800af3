"""Tables as passages: each row one line that carries its column headers.

A row's line ("성명: 래블업 대표 · 비고: 누적투자유치 161억원") is what the document's canonical
text holds for that row, so a quote of it is verbatim in the text kept at ingest.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

CELL_SEPARATOR = " · "
_SPACE = re.compile(r"\s+")
MIN_COLUMNS = 2
MAX_HEADER_CHARS = 30


def _is_header(row: Sequence[str]) -> bool:
    """A first row names columns when its cells are short labels, not values with numbers."""
    cells = [c for c in row if c]
    return bool(cells) and all(len(c) <= MAX_HEADER_CHARS and not any(ch.isdigit() for ch in c)
                               for c in cells)


def _cell(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _headers(first: Sequence[str]) -> list[str]:
    """Header names per column; an empty one continues the merged header to its left."""
    out: list[str] = []
    for i, name in enumerate(first):
        out.append(name or (out[i - 1] if i else ""))
    return out


def _fields(headers: list[str], row: list[str]) -> str:
    """One row as "header: cell · header: cell"; cells under one merged header are joined."""
    fields: list[tuple[str, str]] = []
    for i, cell in enumerate(row):
        if not cell:
            continue
        name = headers[i] if i < len(headers) else ""
        if name and fields and fields[-1][0] == name:
            fields[-1] = (name, f"{fields[-1][1]} {cell}")
        else:
            fields.append((name, cell))
    return CELL_SEPARATOR.join(f"{n}: {c}" if n and n != c else c for n, c in fields)


def table_lines(table: Sequence[Sequence[str]]) -> tuple[list[str], list[str]]:
    """The lines of a table and, of those, the row lines (all but a header row's)."""
    grid = [row for row in ([_cell(c) for c in r] for r in table) if any(row)]
    if not grid or max(len(r) for r in grid) < MIN_COLUMNS:
        return [" ".join(c for c in row if c) for row in grid], []
    header = len(grid) >= 2 and _is_header(grid[0])
    headers = _headers(grid[0]) if header else []
    lines: list[str] = []
    above: list[str] = []
    for row in grid[1:] if header else grid:
        # Empty leading cells sit under the ones above (a merged, row-spanning cell).
        lead = next((i for i, c in enumerate(row) if c), len(row))
        if 0 < lead <= len(above):
            row = [*above[:lead], *row[lead:]]
        above = row
        lines.append(_fields(headers, row))
    head = [" ".join(c for c in grid[0] if c)] if header else []
    return head + lines, lines


def tab_separated(text: str) -> tuple[str, list[str]]:
    """Text with each block of two or more tab-separated lines made a table, and its row lines."""
    out: list[str] = []
    rows: list[str] = []
    block: list[str] = []

    def flush() -> None:
        if len(block) >= 2:
            lines, body = table_lines([line.split("\t") for line in block])
            out.extend(lines)
            rows.extend(body)
        else:
            out.extend(block)
        block.clear()

    for line in text.split("\n"):
        if "\t" in line.strip("\t ") or (block and "\t" in line):
            block.append(line.rstrip("\r"))
        else:
            flush()
            out.append(line)
    flush()
    return "\n".join(out), rows
