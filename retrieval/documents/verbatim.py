"""Check that a quote is a verbatim substring of its source document."""

from __future__ import annotations

import re
from functools import lru_cache

# A tag never spans another "<", so an unclosed "<a<a<a…" is read once, not once per "<".
_MARKUP = re.compile(r"</?[A-Za-z][^<>]*>|\*\*|__|\\(?=[*_#\[\]()])")


def normalize(text: str) -> str:
    """Drop markup (`**`, `<b>`, markdown escapes) and collapse whitespace."""
    return " ".join(_MARKUP.sub("", text).split())


# Every quote of an answer is checked against the same few documents; a long document is
# normalised once, not once per quote (a str keeps its hash, so the lookup is cheap).
_normalized_document = lru_cache(maxsize=16)(normalize)


def is_verbatim(quote: str, document: str) -> bool:
    """True when the normalised quote occurs in the normalised document."""
    q = normalize(quote)
    return bool(q) and q in _normalized_document(document)
