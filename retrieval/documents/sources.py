"""The original document files, read back to verify quotes against them."""

from __future__ import annotations

from pathlib import Path


class SourceTexts:
    """Reads source files by their relative path, caching on modification time."""

    def __init__(self, root: Path) -> None:
        self.root = root if root.is_dir() else root.parent
        self._cache: dict[str, tuple[float, str]] = {}

    def get(self, source: str) -> str | None:
        """The file's text, or None when it is gone or unreadable."""
        path = (self.root / source).resolve()
        if self.root.resolve() not in path.parents:
            return None  # A source outside the documents folder is never trusted.
        try:
            mtime = path.stat().st_mtime
            cached = self._cache.get(source)
            if cached and cached[0] == mtime:
                return cached[1]
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return None
        self._cache[source] = (mtime, text)
        return text
