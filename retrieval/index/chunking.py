"""Cut cleaned document lines into sentences and small overlapping chunks."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from retrieval.documents import Document, normalize
from retrieval.index.chunk import HEADING_JOIN, Chunk, with_context
from retrieval.index.korean import Morphology

MAX_CHUNK_CHARS = 420
# Kiwi's sentence split slows down faster than linearly on one long line: feed it pieces.
MAX_SEGMENT_CHARS = 1000
MAX_HEADING_CHARS = 200  # a longer "# …" line is text, not a heading
MAX_CONTEXT_CHARS = 160  # of one heading or list item carried along as context
MAX_OPEN_LEVELS = 16  # headings and list items open at once; deeper ones drop the outermost
# Part of every stored document's version: change it when chunks would come out differently.
CHUNKER_VERSION = "5"
_ITEM = re.compile(r"^(\d{1,2}[.)]|[①-⑳]|\(\d{1,2}\))\s*")
_CONTINUATION = re.compile(r"^(→|->|•|·|-|\*|–|○|◦|▶|▷|ㄴ)\s*")
_SENTENCE_END = re.compile(r"(다|요|죠|함|음|임|[.!?。\"”’'])\s*$")
_LEAD_MARK = re.compile(r"^[^\w가-힣\"'“‘(\[]+")
_SENTENCE_GAP = re.compile(r"[.!?。]\s+")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Sentence:
    """A quotable sentence with the headings it sits under."""

    text: str
    context: str
    kind: str  # "heading", "item", "row" (of a table) or "text"
    page: int | None = None

    @property
    def indexed(self) -> str:
        """The text to embed: the sentence with its headings."""
        return with_context(self.context, self.text)


def strip_lead(text: str) -> str:
    """Drop leading arrows, bullets and emoji from a line (for answers and headings)."""
    return _LEAD_MARK.sub("", _ITEM.sub("", _CONTINUATION.sub("", text))).strip()


def item_number(text: str) -> int | None:
    """The number a list item is marked with ("4.", "4)", "(4)", "④"), past any bullet or emoji."""
    line = _LEAD_MARK.sub("", _CONTINUATION.sub("", text.strip()))
    m = _ITEM.match(line)
    if m is None or not line[m.end():].strip():
        return None
    digits = "".join(ch for ch in m.group(1) if ch.isascii() and ch.isdigit())
    return int(digits) if digits else ord(m.group(1)) - ord("①") + 1


def _cut(window: str) -> int:
    """Where to end a piece of an over-long line: after a sentence, else at a space."""
    for gap in (_SENTENCE_GAP, _SPACE):
        ends = [m.end() for m in gap.finditer(window, len(window) // 2)]
        if ends:
            return ends[-1]
    return len(window)


def pieces(line: str, limit: int) -> Iterator[str]:
    """A line in consecutive stripped pieces of at most `limit` characters, in linear time."""
    start = 0
    while len(line) - start > limit:
        end = start + _cut(line[start : start + limit])
        piece = line[start:end].strip()
        if piece:
            yield piece
        start = end
    piece = line[start:].strip()
    if piece:
        yield piece


def _sentences(line: str, morph: Morphology) -> Iterator[str]:
    """Kiwi's sentences of a line, each at most MAX_CHUNK_CHARS long."""
    for segment in pieces(line, MAX_SEGMENT_CHARS):
        if len(segment) > MAX_CHUNK_CHARS and not _SPACE.search(segment):
            found = [segment]  # a blob with no spaces (data, a URL list) has no sentences
        else:
            found = morph.sentences(segment)
        for sent in found:
            yield from pieces(sent, MAX_CHUNK_CHARS)


def _is_heading(line: str) -> bool:
    """A short line that doesn't end like a sentence, or a markdown/marker heading."""
    if line.startswith("#"):
        return len(line) <= MAX_HEADING_CHARS
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
    rows = {normalize(r) for r in doc.rows}
    for number, raw in enumerate(doc.lines):
        line = normalize(raw)
        if not line:
            continue
        page = doc.page_of(number)
        if line in rows:
            # A table row is one passage: its cells only mean something with their headers.
            out.extend(Sentence(piece, _context(headings, []), "row", page)
                       for piece in pieces(line, MAX_CHUNK_CHARS))
            continue
        indent = len(raw) - len(raw.lstrip())
        if _is_heading(line):
            marker = _marker(line)
            # A heading with a marker seen before closes that level and everything under it,
            # before it takes its own context: a sibling ("✅ 카카오 …" then "✅ 루닛 …") is no
            # heading over the next one.
            for i, (m, _) in enumerate(headings):
                if m == marker:
                    headings = headings[:i]
                    break
            out.append(Sentence(line, _context(headings, []), "heading", page))
            headings = [*headings[-MAX_OPEN_LEVELS + 1 :], (marker, strip_lead(line))]
            items = []
            continue
        listed = bool(_ITEM.match(line) or _CONTINUATION.match(line))
        items = [(i, t) for i, t in items if i < indent] if listed else []
        context = _context(headings, [t for _, t in items])
        kind = "item" if listed else "text"
        for sent in _sentences(line, morph):
            out.append(Sentence(sent, context, kind, page))
        if listed:
            items = [*items[-MAX_OPEN_LEVELS + 1 :], (indent, strip_lead(line[:MAX_CONTEXT_CHARS]))]
    return out


def _context(headings: list[tuple[str, str]], items: list[str]) -> str:
    """The nearest headings and enclosing list items, outermost first."""
    parts = [t for _, t in headings[-3:]] + items[-2:]
    return HEADING_JOIN.join(p[:MAX_CONTEXT_CHARS] for p in parts if p)


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
        # A table row is a passage of its own: other rows' cells would blur what it says.
        own_row = sent.kind == "row" or (bool(current) and current[-1].kind == "row")
        if current and (size + len(sent.text) > MAX_CHUNK_CHARS or new_section or own_row):
            windows.append(current)
            # Overlap by one sentence, unless the new window starts a section or is a row.
            last = current[-1]
            keep = (not new_section and not own_row and last.kind != "heading"
                    and len(last.text) < MAX_CHUNK_CHARS // 2)
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
