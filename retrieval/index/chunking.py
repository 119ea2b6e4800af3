"""Cut cleaned document lines into sentences and small overlapping chunks."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from retrieval.documents import Document, normalize
from retrieval.index.chunk import Chunk, with_context
from retrieval.index.korean import Morphology

MAX_CHUNK_CHARS = 420
_ITEM = re.compile(r"^(\d{1,2}[.)]|[①-⑳]|\(\d{1,2}\))\s*")
_CONTINUATION = re.compile(r"^(→|->|•|·|-|\*|–|○|◦|▶|▷|ㄴ)\s*")
_SENTENCE_END = re.compile(r"(다|요|죠|함|음|임|[.!?。\"”’'])\s*$")
_LEAD_MARK = re.compile(r"^[^\w가-힣\"'“‘(\[]+")


@dataclass(frozen=True)
class Sentence:
    """A quotable sentence with the headings it sits under."""

    text: str
    context: str
    kind: str  # "heading", "item" or "text"

    @property
    def indexed(self) -> str:
        """The text to embed: the sentence with its headings."""
        return with_context(self.context, self.text)


def strip_lead(text: str) -> str:
    """Drop leading arrows, bullets and emoji from a line (for answers and headings)."""
    return _LEAD_MARK.sub("", _ITEM.sub("", _CONTINUATION.sub("", text))).strip()


def _is_heading(line: str) -> bool:
    """A short line that doesn't end like a sentence, or a markdown/marker heading."""
    if line.startswith("#"):
        return True
    if _ITEM.match(line) or _CONTINUATION.match(line):
        return False
    return len(line) <= 60 and not _SENTENCE_END.search(line)


def _marker(line: str) -> str:
    """The leading symbols of a heading ('✅', '##', '■'), which stand for its level."""
    m = _LEAD_MARK.match(line)
    return m.group(0).strip() if m else ""


def sentences_of(doc: Document, morph: Morphology) -> list[Sentence]:
    """Every sentence of a document with its heading and list-item context, in order."""
    out: list[Sentence] = []
    headings: list[tuple[str, str]] = []  # (marker, text), outermost first
    items: list[tuple[int, str]] = []  # (indent, text) of the list items we are inside
    for raw in doc.lines:
        line = normalize(raw)
        if not line:
            continue
        indent = len(raw) - len(raw.lstrip())
        if _is_heading(line):
            out.append(Sentence(line, _context(headings, []), "heading"))
            marker = _marker(line)
            # A heading with a marker seen before closes that level and everything under it.
            for i, (m, _) in enumerate(headings):
                if m == marker:
                    headings = headings[:i]
                    break
            headings.append((marker, strip_lead(line)))
            items = []
            continue
        listed = bool(_ITEM.match(line) or _CONTINUATION.match(line))
        items = [(i, t) for i, t in items if i < indent] if listed else []
        context = _context(headings, [t for _, t in items])
        kind = "item" if listed else "text"
        for sent in morph.sentences(line):
            out.append(Sentence(sent, context, kind))
        if listed:
            items.append((indent, strip_lead(line)))
    return out


def _context(headings: list[tuple[str, str]], items: list[str]) -> str:
    """The nearest headings and enclosing list items, outermost first."""
    parts = [t for _, t in headings[-3:]] + items[-2:]
    return " / ".join(p for p in parts if p)


def _window_text(sents: list[Sentence]) -> str:
    """Join a window's sentences as they read."""
    return " ".join(s.text for s in sents)


def chunk_document(doc: Document, morph: Morphology) -> list[tuple[Chunk, list[Sentence]]]:
    """Group sentences into overlapping windows of at most ~MAX_CHUNK_CHARS."""
    sents = sentences_of(doc, morph)
    windows: list[list[Sentence]] = []
    current: list[Sentence] = []
    for sent in sents:
        size = sum(len(s.text) + 1 for s in current)
        # A heading opens a new window so a section's first facts sit with their heading.
        new_section = sent.kind == "heading" and current and current[-1].kind != "heading"
        if current and (size + len(sent.text) > MAX_CHUNK_CHARS or new_section):
            windows.append(current)
            # Overlap by one sentence, unless the new window starts a section.
            last = current[-1]
            keep = not new_section and last.kind != "heading" and len(last.text) < MAX_CHUNK_CHARS // 2
            current = [last] if keep else []
        current.append(sent)
    if current:
        windows.append(current)
    chunks = []
    for pos, window in enumerate(windows):
        text = _window_text(window)
        context = window[0].context
        head = f"{doc.title}\n{context}" if context else doc.title
        digest = hashlib.sha256(f"{doc.source}\n{head}\n{text}".encode()).hexdigest()[:24]
        chunk = Chunk(
            id=f"{digest}",
            text=text,
            source=doc.source,
            title=doc.title,
            published=doc.published,
            url=doc.url,
            position=pos,
            sentences=tuple(s.text for s in window),
        )
        chunks.append((chunk, window))
    return chunks


def chunk_index_text(chunk: Chunk, window: list[Sentence]) -> str:
    """What the embedder and BM25 see: title, headings, then the chunk text."""
    context = window[0].context if window else ""
    return "\n".join(p for p in (chunk.title, context, chunk.text) if p)
