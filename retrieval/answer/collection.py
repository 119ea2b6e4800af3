"""Questions about the collection itself ("what documents do you have?") and their answer."""

from __future__ import annotations

import re
from collections.abc import Iterable

from retrieval.index import Chunk

_ABOUT_COLLECTION = re.compile(
    r"^\W*(?:"
    r"(이|그|어떤|무슨)?\s*문서(들)?(은|는|이|가|에는|에)?\s*(무엇|뭐|어떤|무슨|몇)|"
    r"(어떤|무슨)\s*(문서|자료|내용)(들)?(이|가|을|를)?\s*(있|가지|보유|갖)|"
    r"(무엇|뭘|뭐)을?\s*(물어볼|질문할)\s*수|무엇에 대해\s*(물어|질문)|"
    r"(문서|자료|파일)\s*(목록|리스트)|"
    r"(가진|가지고\s*있는|갖고\s*있는|보유한|등록된|학습한)\s*(문서|자료|파일)|"
    r"(문서|자료|파일)(들)?(은|는|이|가)?\s*(뭐|무엇|어떤\s*것)(이|가)?\s*(있|가지)|"
    r"what (documents|docs|files|sources) (do you|are|can|have)|"
    r"(list|show)( me)? (the |your |all )?(documents|docs|files|sources)|"
    r"what (can|should|may) i ask|what do you know( about)?\W*$|which documents"
    r")",
    re.I,
)


def asks_about_collection(question: str) -> bool:
    """True for "what documents do you have?", "이 문서들은 무엇에 관한 것인가요?" and the like."""
    return len(question) <= 80 and bool(_ABOUT_COLLECTION.search(question))


def list_documents(chunks: Iterable[Chunk], lang: str, limit: int = 20) -> str:
    """One line per document: title, date and file, newest first."""
    docs: dict[str, Chunk] = {}
    for c in chunks:
        docs.setdefault(c.source, c)
    ordered = sorted(docs.values(), key=lambda c: (c.published or "", c.source), reverse=True)
    lines = [f"• {c.title}" + (f" ({c.published})" if c.published else "") + f" — {c.source}"
             for c in ordered[:limit]]
    if len(ordered) > limit:
        lines.append(f"… +{len(ordered) - limit}")
    head = (f"I hold {len(docs)} documents; ask about any of them:" if lang == "en"
            else f"다음 {len(docs)}개 문서에 대해 물어볼 수 있습니다:")
    return "\n".join([head, *lines])
