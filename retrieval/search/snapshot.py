"""One consistent in-memory view of the store: chunks, BM25 and sentence vectors together."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise
from typing import TypeVar

import numpy as np

from retrieval.errors import StoreBusyError, StoreError
from retrieval.index import (
    TITLE_WORDS,
    TITLES,
    AliasTable,
    ChromaStore,
    Chunk,
    LexicalIndex,
    Morphology,
    StoredSentence,
    hangul_share,
    looks_like_person,
    people_beside,
    respelled,
    same_post,
    written_clipped,
    written_dotted,
    written_out,
)
from retrieval.search.cache import Derived, SnapshotCache
from retrieval.search.settled import SettledRead, read_settled

log = logging.getLogger(__name__)

_READ_TRIES = 4
# A footnote's mark, after a list dash: "- * 하정우(네이버클라우드) …", "※ …".
_FOOTNOTE = re.compile(r"^[-•\s]*\\?[*※]")
"""Reads of a store that keeps changing mid-read before its failure is reported."""
_READ_PAUSE = 0.2
"""Seconds before the second read, doubled before each later one (a write settles)."""

MENTIONS_KEPT = 10_000
"""Terms whose presence a snapshot remembers before it forgets them all and starts again."""
T = TypeVar("T")

Fingerprint = tuple[str, int, str]
"""The store's (collection id, chunk count, ingest marker) when a snapshot was loaded."""


@dataclass(frozen=True)
class IndexSnapshot:
    """Everything a search and its answer read, loaded at one moment and never mutated.

    A reload builds a new snapshot and swaps it in whole, so an answer that holds one
    never mixes chunks from before and after another process's ingest.
    """

    chunks: list[Chunk]
    index_texts: list[str]
    sentence_ids: dict[str, list[str]]
    positions: dict[str, int]
    lexical: LexicalIndex
    corpus_text: str
    sentences: dict[str, StoredSentence]
    sentence_rows: dict[str, int]
    sentence_vectors: np.ndarray
    aliases: AliasTable
    fingerprint: Fingerprint | None = None
    unsettled: frozenset[str] = frozenset()
    """Documents left out because the store held them only in part (see `read_settled`)."""
    _mentions: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)
    _holding: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    _whole: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    _clipped: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)
    _said: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)
    _lines: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)
    _people: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)
    _posts: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)
    _bodies: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)
    _between: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)
    _titles: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)
    _written: dict[str, tuple[int, int] | None] = field(default_factory=dict, compare=False,
                                                         repr=False)

    @classmethod
    def load(cls, store: ChromaStore, morph: Morphology,
             fingerprint: Fingerprint | None = None,
             cache: SnapshotCache | None = None) -> IndexSnapshot:
        """Read every chunk and sentence and build the indexes, or take them from `cache`."""
        # Without a tokenizer signature the cached morphemes could be another Kiwi's.
        key = (cache.key(store, morph.signature, fingerprint)
               if cache is not None and fingerprint is not None and morph.signature else None)
        derived = cache.load(key, morph) if cache is not None and key is not None else None
        if derived is None:
            derived = _derive(store, morph)
            # Kept only when the read is one whole state of the store: nothing half-ingested,
            # and no write between the fingerprint and the read (it would be filed wrongly).
            if (cache is not None and key is not None and derived.read.rows
                    and not derived.read.unsettled and store.fingerprint() == fingerprint):
                cache.save(key, derived)
        read, lexical = derived.read, derived.lexical
        chunks = [r[0] for r in read.rows]
        index_texts = [r[1] for r in read.rows]
        return cls(
            chunks=chunks,
            index_texts=index_texts,
            sentence_ids={r[0].id: r[2] for r in read.rows},
            positions={c.id: i for i, c in enumerate(chunks)},
            lexical=lexical,
            corpus_text="\n".join(index_texts).lower(),
            sentences={s.id: s for s in read.sentences},
            sentence_rows={s.id: i for i, s in enumerate(read.sentences)},
            sentence_vectors=read.vectors,
            aliases=derived.aliases,
            fingerprint=fingerprint,
            unsettled=read.unsettled,
        )

    @property
    def empty(self) -> bool:
        """True when nothing has been ingested."""
        return not self.chunks

    @cached_property
    def hangul_share(self) -> float:
        """The share of the documents' letters that are Hangul (1.0 when there are none)."""
        return hangul_share(self.corpus_text)

    @cached_property
    def _by_source(self) -> dict[str, list[Chunk]]:
        """Each document's chunks, in the snapshot's order."""
        grouped: dict[str, list[Chunk]] = {}
        for chunk in self.chunks:
            grouped.setdefault(chunk.source, []).append(chunk)
        return grouped

    @cached_property
    def leads(self) -> dict[str, str]:
        """Each document's first chunk: its title and lead, which set the scene for all of it."""
        return {source: min(chunks, key=lambda c: c.position).titled
                for source, chunks in self._by_source.items()}

    @cached_property
    def _sentence_groups(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Sentence rows ordered by chunk, where each chunk's run starts, and that chunk.

        Chunks overlap by a sentence, so a row may stand in two runs.
        """
        pairs = [(pos, self.sentence_rows[sid])
                 for chunk_id, ids in self.sentence_ids.items()
                 if (pos := self.positions.get(chunk_id)) is not None
                 for sid in ids if sid in self.sentence_rows]
        if not pairs:
            none = np.zeros(0, dtype=np.int64)
            return none, none, none
        owned = np.array(pairs, dtype=np.int64)
        owned = owned[np.argsort(owned[:, 0], kind="stable")]
        chunks, starts = np.unique(owned[:, 0], return_index=True)
        return owned[:, 1], starts, chunks

    def nearest_sentences(self, vector: np.ndarray) -> np.ndarray:
        """For each chunk, the cosine of its sentence nearest `vector` (-1 when it has none)."""
        best = np.full(len(self.chunks), -1.0, dtype=np.float32)
        rows, starts, chunks = self._sentence_groups
        if len(rows):
            best[chunks] = np.maximum.reduceat((self.sentence_vectors @ vector)[rows], starts)
        return best

    def mentions(self, term: str) -> bool:
        """True when the documents hold a term: as a morpheme, or (a name) written out or dotted."""
        # Each check but the first scans every passage's text (tens of ms at 100k passages),
        # and the evidence and the abstention rules ask about the same terms.
        return _remembered(self._mentions, term, lambda: (
            term in self.lexical.df or written_out(term, self.corpus_text)
            or written_dotted(term, self.corpus_text) or self.written_at(term) is not None))

    def written_at(self, term: str) -> tuple[int, int] | None:
        """Where in `corpus_text` a Korean word is first written, as is or with a vowel respelled."""
        def first() -> tuple[int, int] | None:
            if len(term) < 2 or not all("가" <= ch <= "힣" for ch in term):
                return None
            if (at := self.corpus_text.find(term)) >= 0:
                return at, at + len(term)
            pattern = respelled(term)
            if pattern is None:
                return None
            # The vocabulary's words of that length, not the whole text: a scan of every
            # passage takes a third of a second at 50,000 of them.
            for word in self._words_by_length.get(len(term), ()):
                if pattern.fullmatch(word) and (at := self.corpus_text.find(word)) >= 0:
                    return at, at + len(word)
            return None
        return _remembered(self._written, term, first)

    @cached_property
    def _words_by_length(self) -> dict[int, list[str]]:
        """The Korean words BM25 knows, by their length in syllables, in a stable order."""
        words: dict[int, list[str]] = {}
        for word in sorted(self.lexical.df):
            if all("가" <= ch <= "힣" for ch in word):
                words.setdefault(len(word), []).append(word)
        return words

    def passages_holding(self, text: str) -> int:
        """How many passages' indexed text holds the text as written (remembered per snapshot)."""
        return _remembered(self._holding, text,
                           lambda: sum(text in t for t in self.index_texts))

    def passages_writing_word(self, word: str) -> int:
        """How many passages write a Latin word whole and in its case ("ARM", not in KAIST)."""
        def count() -> int:
            pattern = re.compile(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])")
            return sum(1 for c in self.chunks if word in c.text and pattern.search(c.text))

        return _remembered(self._whole, word, count)

    def sentences_holding(self, text: str) -> tuple[str, ...]:
        """The sentences whose text holds the text as written (remembered per snapshot)."""
        def scan() -> tuple[str, ...]:
            found = (sentence.text for i, indexed in enumerate(self.index_texts) if text in indexed
                     for sid in self.sentence_ids.get(self.chunks[i].id, ())
                     if (sentence := self.sentences.get(sid)) is not None and text in sentence.text)
            return tuple(dict.fromkeys(found))  # chunks overlap by a sentence
        return _remembered(self._said, text, scan)

    def lines_holding(self, text: str) -> tuple[str, ...]:
        """As `sentences_holding`, with a footnote read after the line it notes: "* 하정우(…),
        김동환(포티투마루)" notes "(중소기업) … 전문가 등 7명", which says who they are."""
        def scan() -> tuple[str, ...]:
            found = []
            for i, indexed in enumerate(self.index_texts):
                if text not in indexed:
                    continue
                ids = self.sentence_ids.get(self.chunks[i].id, ())
                for before, sid in pairwise(("", *ids)):
                    sentence = self.sentences.get(sid)
                    if sentence is None or text not in sentence.text:
                        continue
                    noted = self.sentences.get(before) if _FOOTNOTE.match(sentence.text) else None
                    found.append(f"{noted.text} {sentence.text}" if noted else sentence.text)
            return tuple(dict.fromkeys(found))
        return _remembered(self._lines, text, scan)

    @cached_property
    def _next_sentences(self) -> frozenset[tuple[str, str]]:
        """Each (sentence, next sentence) pair in a document (chunks overlap, so pairs repeat)."""
        # A pair, not a map: ids are content hashes, and a line written twice has two successors.
        return frozenset((a, b) for ids in self.sentence_ids.values() for a, b in pairwise(ids)
                         if a != b)

    def follows(self, first: str, then: str) -> bool:
        """True when sentence `then` comes right after sentence `first` in their document."""
        return (first, then) in self._next_sentences

    def chunks_of(self, source: str) -> list[Chunk]:
        """One document's passages in their order (grouped once per snapshot)."""
        return self._by_source.get(source, [])

    def people_of(self, body: str, title: str) -> tuple[str, ...]:
        """Who the documents name in a body's post ("미스릴 대표" → 제러드 퀸시 데이비스), or in
        any post there for a title of ""."""
        titles = same_post(title) if title else tuple(sorted(TITLE_WORDS))
        return _remembered(self._people, f"{body}\t{title}", lambda: tuple(dict.fromkeys(
            p for text in self.index_texts if body in text
            for p in people_beside(body, text, titles))))

    def titles_given(self, name: str) -> frozenset[str]:
        """The titles written a few words after a person's name ("정준화 … 입법조사관" → 조사관)."""
        return _remembered(self._titles, name, lambda: frozenset(
            m.group(1) for m in re.finditer(
                rf"{re.escape(name)}\s(?:[^\s]+\s){{0,3}}?[가-힣]*?({TITLES})", self.corpus_text)))

    def post_written(self, body: str, title: str) -> bool:
        """True when a passage writes the post just after the body, in any form ("시리아의
        총리", "한나라당 총재인", "미스릴(Mithril) 최고경영자")."""
        def scan() -> bool:
            posts = "|".join(map(re.escape, same_post(title)))
            pattern = re.compile(rf"{re.escape(body)}.{{0,20}}?(?:{posts})")
            return any(pattern.search(text) for text in self.index_texts if body in text)
        return _remembered(self._posts, f"{body}\t{title}", scan)

    def names_a_body(self, word: str) -> bool:
        """True when the documents write the word as a body's name: before a post ("■ 래블업
        대표", "업스테이지 이활석 CTO") or in brackets after a person ("김동환(포티투마루)")."""
        def scan() -> bool:
            w = re.escape(word)
            # A degree is no post ("전자공학 박사"), and only a person's name before the
            # brackets makes them a body's ("성장(레벨업)" glosses a word).
            posts = [m.group(1) for m in re.finditer(
                rf"(?<![가-힣]){w}(?:\([^)]{{1,30}}\))?\s({TITLES})(?![가-힣]{{2}})", self.corpus_text)]
            return (bool(self.people_of(word, ""))
                    or any(p not in _DEGREES for p in posts)
                    or any(looks_like_person(m.group(1)) for m in re.finditer(
                        rf"(?<![가-힣])([가-힣]{{2,4}})\({w}[)/]", self.corpus_text)))
        return _remembered(self._bodies, word, scan)

    def between_person_and_post(self, word: str) -> bool:
        """True when the documents write the word between a person and a post ("채명수 노타 대표")."""
        # "장관과 국내 대표" is a post with its particle before the word, not a person.
        def scan() -> bool:
            return any(looks_like_person(m.group(1)) and m.group(1)[:-1] not in TITLE_WORDS
                       for m in re.finditer(
                           rf"(?<![가-힣])([가-힣]{{3}})\s{re.escape(word)}\s(?:{TITLES})",
                           self.corpus_text))
        return _remembered(self._between, word, scan)

    def clipped(self, term: str) -> bool:
        """True when a short name clips a word of the documents' vocabulary ("소뱅")."""
        return _remembered(self._clipped, term, lambda: written_clipped(term, self.lexical.df))

    def singles_out(self, passages: int) -> bool:
        """True for a term held by some passages but fewer than half: it tells them apart."""
        return 0 < passages < len(self.chunks) / 2

    def index_text(self, chunk_id: str) -> str:
        """The text a chunk was indexed under (title, headings, body)."""
        return self.index_texts[self.positions[chunk_id]]

    def sentence_vector(self, sentence_id: str) -> np.ndarray | None:
        """The stored vector of a sentence, if any."""
        row = self.sentence_rows.get(sentence_id)
        return None if row is None else self.sentence_vectors[row]


_DEGREES = frozenset({"박사", "석사", "학사"})


def _remembered(memo: dict[str, T], key: str, compute: Callable[[], T]) -> T:
    """The memo's value for the key, computed once; the memo is emptied when it grows too big."""
    if key not in memo:
        if len(memo) > MENTIONS_KEPT:
            memo.clear()
        memo[key] = compute()
    return memo[key]


def _read(store: ChromaStore, tokenizer: str) -> SettledRead:
    """The settled read, read again when it failed because another process wrote meanwhile."""
    for attempt in range(_READ_TRIES - 1):
        before = store.fingerprint()
        try:
            with store.translated("loading the chunks"):
                return read_settled(store, tokenizer)
        except StoreError as exc:
            # A server failing inside the read (StoreBusyError), or any read failing while
            # the store changed under it, is a write's doing; unreachable, empty or damaged
            # stores, and other failures with nothing written, a second read would not mend.
            changed = type(exc) is StoreError and store.fingerprint() != before
            if not (isinstance(exc, StoreBusyError) or changed):
                raise
            log.info("the store at %s failed while being read (%s): reading it again",
                     store.where, exc)
            time.sleep(_READ_PAUSE * 2**attempt)
    with store.translated("loading the chunks"):
        return read_settled(store, tokenizer)


def _derive(store: ChromaStore, morph: Morphology) -> Derived:
    """The settled read of the store, with BM25 and the alias table built over it."""
    read = _read(store, morph.signature)
    index_texts = [r[1] for r in read.rows]
    # Morphemes stored at ingest, so a start-up runs Kiwi only over chunks stored without.
    lexical = LexicalIndex(index_texts, morph, read.tokens)
    return Derived(read, lexical, AliasTable(index_texts, lexical.df, morph))
