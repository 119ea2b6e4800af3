"""The tables bundled with the index: tab-separated columns of comma-separated words."""

from __future__ import annotations

from importlib import resources


def table_rows(name: str, text: str | None = None, columns: int = 2) -> list[list[tuple[str, ...]]]:
    """The rows of a bundled table (or of `text` in its form), each as `columns` word lists."""
    if text is None:
        text = resources.files("retrieval.index").joinpath(name).read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        # A missing column is an empty one: a ministry may have no clipped names.
        cells = [*line.split("\t"), *[""] * columns][:columns]
        rows.append([tuple(w.strip() for w in cell.split(",") if w.strip()) for cell in cells])
    return rows
