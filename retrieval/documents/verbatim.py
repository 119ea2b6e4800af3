"""Check that a quote is a verbatim substring of its source document."""

from __future__ import annotations

import re

# A tag never spans another "<", so an unclosed "<a<a<a…" is read once, not once per "<".
_MARKUP = re.compile(r"</?[A-Za-z][^<>]*>|\*\*|__|\\(?=[*_#\[\]()])")


def normalize(text: str) -> str:
    """Drop markup (`**`, `<b>`, markdown escapes) and collapse whitespace."""
    return " ".join(_MARKUP.sub("", text).split())


def is_verbatim(quote: str, document: str) -> bool:
    """True when the normalised quote occurs in the normalised document."""
    q = normalize(quote)
    return bool(q) and q in normalize(document)
