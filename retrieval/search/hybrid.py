"""Hybrid search: dense mE5 vectors from Chroma fused with Kiwi BM25, weighted per query."""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np

from retrieval.errors import StoreBusyError, StoreChangedError, StoreEmptyError, StoreError
from retrieval.index import (
    ENGLISH_TITLES,
    FULL_YEAR,
    GAZETTEER_FILE,
    TALK_WORDS,
    TITLES,
    ChromaStore,
    Chunk,
    Glossary,
    LexicalIndex,
    Makers,
    Ministries,
    Morphology,
    StoredSentence,
    Thesaurus,
    acronyms,
    holds_name,
    in_korean,
    is_place,
    looks_like_person,
    without_fillers,
    written_as_word,
)
from retrieval.search.cache import SnapshotCache
from retrieval.search.hit import Hit
from retrieval.search.snapshot import IndexSnapshot

log = logging.getLogger(__name__)

CANDIDATES = 30
CHECK_EVERY = 2.0
"""Seconds between checks for another process's ingest; a check is two small store calls."""
BUSY_PAUSE = 0.2
"""Seconds before a search the server failed as busy is run again."""
HALF_STORED_WAIT = 60.0
"""Seconds to keep the old indexes while a document they hold is stored only in part."""
# "the Minister of Science and ICT", "the Ministry of SMEs and Startups": the post, then the
# field in capitals.
_POST_FIRST = re.compile(r"\b(Minister|Ministry)\s+of\s+(?=[A-Z])((?:[A-Z][\w&-]*|and|&|,|\s)+)")
_CONTEXT = 12
"""Characters read either side of a word in the documents to split it as Kiwi did there."""


def _holding(idx: IndexSnapshot, ways: list[set[str]]) -> Callable[[str], int]:
    """How many of the names (each a set of spellings) a passage's indexed text holds."""
    # A name in Latin letters is held as a word of its own: "LG유플러스" is another firm
    # than LG ("LG AI연구원", "LG는").
    lowered = [{w.lower() for w in group} for group in ways]

    def held(chunk_id: str) -> int:
        text = idx.index_text(chunk_id).lower()
        return sum(any(holds_name(w, text) for w in group) for group in lowered)

    return held


def _cited(query: str, name: str) -> bool:
    """True when the question names a body only as its source ("according to the MSS briefing")."""
    # "per the MSS briefing" cites; "per year" is a rate.
    return bool(re.search(rf"\b(?:according to|citing|per the)\b[^,.;?]*\b{re.escape(name)}\b",
                          query, re.I))


@dataclass
class SearchResult:
    """Ranked hits plus what the answer step needs to reuse, including the index it came from."""

    query: str
    hits: list[Hit]
    vector: np.ndarray
    tokens: list[str]
    lexical_weight: float  # how far the sentence features trust the question's words
    index: IndexSnapshot
    extra: dict[str, float] = field(default_factory=dict)
    # The formal words the documents may write for the question's everyday ones, by the
    # question's morpheme ("자료" → 데이터): a sentence using them uses the question's word.
    alternates: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)


# AI as a word of its own, not inside a name ("오픈AI", "국가AI위원회") or an English word.
_OTHER_SPELLING = re.compile(r"인공지능|(?<![A-Za-z가-힣])AI(?![A-Za-z])")


class Searcher:
    """Searches the chunks in a store, reloading its indexes when another process changed it."""

    def __init__(self, store: ChromaStore, morph: Morphology, *,
                 check_every: float = CHECK_EVERY,
                 clock: Callable[[], float] = time.monotonic,
                 cache: SnapshotCache | None = None,
                 glossary: Glossary | None = None,
                 gazetteer: Glossary | None = None,
                 makers: Makers | None = None,
                 ministries: Ministries | None = None,
                 thesaurus: Thesaurus | None = None) -> None:
        self.store = store
        self.thesaurus = thesaurus or Thesaurus.load(morph)
        self.glossary = glossary or Glossary.load()
        self.gazetteer = gazetteer or Glossary.load(bundled=GAZETTEER_FILE)
        self.makers = makers or Makers.load()
        self.ministries = ministries or Ministries.load()
        self.cache = cache
        self.morph = morph
        self.check_every = check_every
        self._clock = clock
        self._lock = threading.Lock()
        self._checked = clock()
        self._failed = False
        self._held = 0
        self._hold_lock = threading.Lock()
        self._half_since: float | None = None
        self.index = IndexSnapshot.load(store, morph, store.fingerprint(), cache)

    def reload(self) -> None:
        """Rebuild the in-memory indexes from the store now (after this process's ingest)."""
        self.refresh(force=True, own=True)

    @contextmanager
    def holding(self) -> Iterator[None]:
        """Answer from the current index, unchecked, while this process changes the store."""
        with self._hold_lock:
            self._held += 1
        try:
            yield
        finally:
            with self._hold_lock:
                self._held -= 1

    def refresh(self, force: bool = False, own: bool = False) -> IndexSnapshot:
        """The current index, reloaded first when the store changed since the last check.

        The store is asked at most every `check_every` seconds (always after a failed check),
        and a reload swaps in a whole new snapshot, so no answer mixes old and new chunks.
        While one thread reloads, the others answer from the current snapshot.
        """
        if not force and (self._held or not self._due()):
            return self.index
        if not self._lock.acquire(blocking=force):
            return self.index  # another thread is reloading; this answer needn't wait for it
        try:
            if not force and not self._due():
                return self.index  # another thread checked just before
            old = self.index
            try:
                fingerprint = self.store.fingerprint()
                if force or fingerprint != old.fingerprint:
                    if fingerprint != old.fingerprint:
                        self.store.refresh_view()
                    new = IndexSnapshot.load(self.store, self.morph, fingerprint, self.cache)
                    if self._settled(old, new):
                        self.index = new
            except StoreBusyError as exc:
                if force or old.empty:
                    self._failed = True
                    raise
                # Busy even after reading again: answer from the index already loaded, and
                # wait the usual interval before asking again, so a lasting fault costs one
                # slow check per interval, not one per question.
                self._checked = self._clock()
                log.warning("the store at %s is busy (%s): answering from the loaded index",
                            self.store.where, exc)
                return old
            except StoreError:
                self._failed = True  # ask the store again next time, not in a few seconds
                raise
            self._failed = False
            self._checked = self._clock()
            if self.index.fingerprint != old.fingerprint:
                # A change this process made itself (`own`, after its ingest) is no news.
                log.log(logging.INFO if own else logging.WARNING,
                        "the store at %s changed (%d → %d chunks): reloaded the search indexes",
                        self.store.where, len(old.chunks), len(self.index.chunks))
            return self.index
        finally:
            self._lock.release()

    def _settled(self, old: IndexSnapshot, new: IndexSnapshot) -> bool:
        """False while a document the old index holds is stored only in part (mid-ingest)."""
        half = new.unsettled & {c.source for c in old.chunks}
        if not half:
            self._half_since = None
            return True
        names = ", ".join(sorted(half)[:3])
        if self._half_since is None:
            self._half_since = self._clock()
        if self._clock() - self._half_since < HALF_STORED_WAIT:
            log.info("%s is being stored at %s: answering from the indexes as they were", names,
                     self.store.where)
            return False
        log.warning("%s stays half-stored at %s: answering without it; run `policybot ingest`"
                    " to store it again", names, self.store.where)
        return True

    def _due(self) -> bool:
        return self._failed or self._clock() - self._checked >= self.check_every

    # The current snapshot's parts, for callers that read one value outside a search.

    @property
    def chunks(self) -> list[Chunk]:
        """Every chunk, in document order."""
        return self.index.chunks

    @property
    def index_texts(self) -> list[str]:
        """The text each chunk was indexed under."""
        return self.index.index_texts

    @property
    def sentence_ids(self) -> dict[str, list[str]]:
        """Each chunk's sentence ids."""
        return self.index.sentence_ids

    @property
    def lexical(self) -> LexicalIndex:
        """The BM25 index."""
        return self.index.lexical

    @property
    def corpus_text(self) -> str:
        """Every chunk's index text, lower-cased, for substring checks."""
        return self.index.corpus_text

    @property
    def sentences(self) -> dict[str, StoredSentence]:
        """Every sentence record by id."""
        return self.index.sentences

    @property
    def sentence_vectors(self) -> np.ndarray:
        """The sentence vectors, one row per record."""
        return self.index.sentence_vectors

    @property
    def empty(self) -> bool:
        """True when nothing has been ingested."""
        return self.index.empty

    def index_text(self, chunk_id: str) -> str:
        """The text a chunk was indexed under (title, headings, body)."""
        return self.index.index_text(chunk_id)

    def sentence_vector(self, sentence_id: str) -> np.ndarray | None:
        """The stored vector of a sentence, if any."""
        return self.index.sentence_vector(sentence_id)

    def lexical_weight(self, tokens: list[str], index: IndexSnapshot | None = None) -> float:
        """How far to trust BM25 for this query: the share of its tokens the corpus knows.

        An English question about Korean documents matches few morphemes, and the few it
        matches ('ai') are noise, so its lexical side fades out instead of outvoting dense.
        """
        return (index or self.index).lexical.coverage(tokens) ** 2

    def _names_held(self, idx: IndexSnapshot, query: str) -> Callable[[str], int] | None:
        """For a question naming someone, how many of its names a passage holds."""
        # The names are whom or what it asks about ("Minister Yoo Sang-im" is 유상임), yet an
        # English question's BM25 side is faint and its vector reads the English around them.
        # A place is where, not whom ("the Ulsan meeting"), and a name most passages hold
        # tells none apart.
        if in_korean(query):
            return self._posts_held(idx, query)
        names, _ = idx.aliases.renderings(query)
        rare = [n for n in dict.fromkeys(names)
                if not is_place(n) and idx.singles_out(idx.passages_holding(n))]
        ministry = [n for n in self.ministers_named(idx, query)
                    if idx.singles_out(idx.passages_holding(n))]
        if not rare and not ministry:
            return None
        # A passage writing the name as the question does ("중국 DeepSeek 동향", a programme
        # row) holds it as much as one writing the Korean spelling.
        lower = query.lower()
        return _holding(idx, [{n, *(en for en, kos in idx.aliases.pairs.items()
                                    if n in kos and re.search(
                                        rf"(?<![a-z0-9]){re.escape(en)}(?![a-z0-9])", lower))}
                               for n in rare] + ([set(ministry)] if ministry else []))

    def _posts_named(self, idx: IndexSnapshot, query: str) -> list[str]:
        """The bodies a Korean question names as whose post it asks of ("네이버 AI 책임자는")."""
        # "LG 쪽 연구소 책임자는" asks of LG's, in whatever words the documents give the post
        # (LG AI연구원 원장): the passages writing LG hold it, however near the others' words
        # are. A title followed by its particle is the subject, not a word on the way
        # ("대통령 선거에서", "여배우"); a ministry or a place is the setting more than whose.
        if not in_korean(query):
            return []
        ministries = {n for m in self.ministries.named(query) for n in m.names}
        found = self.question_names(idx, query)
        found += [a for a in acronyms(query) if a not in found]
        return [n for n in found
                if not is_place(n) and n not in ministries
                and re.search(rf"{re.escape(n)}(?:의)?\s(?:\S+\s){{0,3}}?(?:{TITLES}|책임자|수장|총수)"
                              r"(?:(?:은|는|이|가|님|께서|도|한테|에게|께|을|를)(?![가-힣])"
                              # or whose name it asks in so many words ("카카오 대표 이름")
                              r"|\s(?:이름|성함)(?:이\s?뭐|은|이|을|도|좀|과|와)?(?=\s|$|[?!.]))", query)
                and idx.singles_out(idx.passages_holding(n))]

    def _posts_held(self, idx: IndexSnapshot, query: str) -> Callable[[str], int] | None:
        """For a Korean question asking of a body's post holder, whether a passage names the body."""
        names = self._posts_named(idx, query)
        return _holding(idx, [set(idx.aliases.spellings(n)) for n in names]) if names else None

    def makers_named(self, idx: IndexSnapshot, query: str) -> tuple[list[str], list[str]]:
        """Makers written of products the question names and the documents don't ("챗GPT").

        Returned with those products as the question writes them.
        """
        makers: list[str] = []
        products: list[str] = []
        for product in self.makers.named(query):
            if written_as_word(product.written, idx.corpus_text):
                continue
            maker = next((m for m in product.makers if written_as_word(m, idx.corpus_text)), None)
            if maker is not None:
                makers.append(maker)
                products.append(product.written)
        return makers, products

    def acronym_names(self, idx: IndexSnapshot, query: str) -> list[str]:
        """The Korean names of an English question's acronyms ("TIPA" is 중소기업기술정보진흥원).

        Only names that single out passages: not a title ("CEO" is 대표) nor a kind ("SME" is
        중소기업); nor a body named only as the source ("according to the MSS briefing").
        """
        if in_korean(query):
            return []
        return list(dict.fromkeys(w for a, w in self.bodies_written(query)
                                  if a.lower() not in ENGLISH_TITLES and not _cited(query, a)
                                  and idx.singles_out(idx.passages_holding(w))))

    def bodies_written(self, query: str) -> list[tuple[str, str]]:
        """(as written, Korean name) of the bodies a question gives by acronym ("KCCI") or
        written out in full ("the Korea Chamber of Commerce and Industry")."""
        return ([(a, w) for a in acronyms(query) for w in self.glossary.entries.get(a.lower(), ())]
                + self.glossary.named(query))

    def ministries_named(self, idx: IndexSnapshot, query: str) -> list[str]:
        """The names the documents write of ministries a question names otherwise.

        "과학기술 담당 장관" or "과학기술정보통신부" is the 과기부 of the documents, as is "the
        science minister". A question that writes a name the documents use ("중기부") is left
        as it is.
        """
        if not in_korean(query):
            # "the science and ICT minister" glossed is "… 정보통신 장관": a field and a post.
            glossed = " ".join("부처" if w == "부" else w for w in self.glossary.korean_words(query))
            # "The Minister of Science and ICT" writes the post first, which Korean never does.
            post_first = " ".join(f"{' '.join(self.glossary.korean_words(m.group(2)))} "
                                  f"{'장관' if m.group(1).lower() == 'minister' else '부처'}"
                                  for m in _POST_FIRST.finditer(query))
            found = self.ministries.named(f"{glossed} {post_first}")
        else:
            found = [m for m in self.ministries.named(query)
                     if not any(n in query and n in idx.corpus_text for n in m.names)]
        return list(dict.fromkeys(n for m in found for n in m.names if n in idx.corpus_text))

    def ministers_named(self, idx: IndexSnapshot, query: str) -> list[str]:
        """The documents' names of the ministry whose minister an English question asks of."""
        # "the science minister" is whom it asks about, as the documents name the ministry
        # (과기부 유상임 장관). A ministry itself is more often the setting or the source
        # ("the Ministry of SMEs and Startups meeting", "the industry ministry MOU").
        if in_korean(query) or not re.search(r"\bminister\b", query, re.I):
            return []
        return self.ministries_named(idx, query)

    def question_names(self, idx: IndexSnapshot, text: str) -> list[str]:
        """The names a Korean text gives: Kiwi's proper nouns, then the documents' foreign ones."""
        names = self.morph.proper_nouns(text)
        # Kiwi reads some foreign names as common nouns ("딥시크"); the documents' own
        # "딥시크(DeepSeek)" says they are names.
        names += sorted(n for n in idx.aliases.foreign_names() if n in text and n not in names)
        # It cuts a firm it doesn't know into common nouns ("업스테이지" as 업 + 스테이지); the
        # documents writing it as a body ("업스테이지 이활석 CTO") say it is a name.
        # Or reads it as one common noun ("노타"): a name when the documents write it between
        # a person and their post ("채명수 노타 대표"), as no common word is ("국내 대표").
        nouns = [m.form for m in self.morph.morphemes(text)
                 if m.tag == "NNG" and len(m.form) >= 2 and idx.between_person_and_post(m.form)]
        return names + [w for w in dict.fromkeys(self.morph.cut_words(text) + nouns)
                        if w not in names and idx.singles_out(idx.passages_holding(w))
                        and idx.names_a_body(w)]

    def _holders_asked(self, idx: IndexSnapshot, query: str) -> list[str]:
        """Whom a Korean question names by post ("미스릴 대표"), as the documents name them."""
        # The documents name someone once with the body they lead ("제러드 퀸시 데이비스
        # 미스릴(Mithril) 최고경영자") and by name alone after that ("데이비스 CEO는 …").
        if not in_korean(query):
            return []
        people: list[str] = []
        for body in self.question_names(idx, query):
            # A person asked by name and title ("이재명 대통령") is no body anyone leads.
            post = re.search(rf"{re.escape(body)}\S*\s*({TITLES})", query)
            if (post and not looks_like_person(body)
                    and idx.singles_out(idx.passages_holding(body))):
                people += idx.people_of(body, post.group(1))
        return [p for p in dict.fromkeys(people) if p not in query]

    def _embedded(self, idx: IndexSnapshot, text: str) -> np.ndarray:
        """The text's vector; one writing AI the documents' rarer way is embedded both ways."""
        vector = self.store.embedder.embed_query(text)
        if not in_korean(text):
            return vector
        # The embedder reads the spelling as much as the meaning: a question that happens to
        # write 인공지능 lands nearest the one document that spells it out ("인공지능(AI)"),
        # not the many that write AI. Where the documents mostly write the other spelling,
        # the question is read in both, equally.
        written, spelled = idx.lexical.df.get("ai", 0), idx.lexical.df.get("인공", 0)
        if written == spelled:
            return vector  # neither is the documents' usual spelling
        other = _OTHER_SPELLING.sub("AI" if written > spelled else "인공지능", text)
        if other == text:
            return vector
        both = vector + self.store.embedder.embed_query(other)
        return (both / (float(np.linalg.norm(both)) or 1.0)).astype(np.float32)

    def _as_written(self, idx: IndexSnapshot, token: str) -> list[str]:
        """A query morpheme, or where the index lacks it, the documents' morphemes for it."""
        if token in idx.lexical.df or (at := idx.written_at(token)) is None:
            return [token]
        start, end = at
        left = max(0, start - _CONTEXT)
        window = idx.corpus_text[left:end + _CONTEXT]
        found = [m.form for m in self.morph.morphemes(window)
                 if m.start < end - left and m.end > start - left and m.form in idx.lexical.df]
        return list(dict.fromkeys(found)) or [token]

    def nothing(self, query: str) -> SearchResult:
        """The result for a query with nothing to search for (only punctuation or symbols)."""
        vector = np.zeros(self.store.embedder.dim, dtype=np.float32)
        return SearchResult(query, [], vector, [], 0.0, self.index)

    def search(self, query: str, k: int = 5, also: str | None = None) -> SearchResult:
        """Rank chunks for a query, and for its Korean rendering `also` when one is given."""
        idx = self.refresh()
        try:
            return self._both(idx, query, k, also)
        except StoreChangedError:
            # Another process replaced the collection mid-search: once more on a fresh index.
            return self._both(self.refresh(force=True), query, k, also)
        except StoreBusyError as exc:
            # A server query racing another client's delete can fail outright: once more,
            # a moment later, on whatever index is current then.
            log.info("the store at %s was busy while searching (%s): searching again",
                     self.store.where, exc)
            time.sleep(BUSY_PAUSE)
            return self._both(self.refresh(), query, k, also)

    def _both(self, idx: IndexSnapshot, query: str, k: int, also: str | None) -> SearchResult:
        held = self._names_held(idx, query)
        asked = self._search(idx, query, k, held)
        if not also:
            return asked
        korean = self._search(idx, also, k, None)
        # Each chunk keeps its better score: the Korean words find Korean text the English
        # missed, and the English keeps what a loose rendering lost.
        best: dict[str, Hit] = {}
        for hit in [*asked.hits, *korean.hits]:
            if hit.chunk.id not in best or hit.score > best[hit.chunk.id].score:
                best[hit.chunk.id] = hit
        # The English question's names keep their passages first, as in its own search.
        hits = sorted(best.values(), key=lambda h: (
            -held(h.chunk.id) if held is not None else 0, -h.score))[:k]
        # The asked query's vector keeps the abstention evidence on the scale it was fitted
        # on; the Korean tokens are the ones sentences can be matched with.
        tokens = list(dict.fromkeys([*korean.tokens, *asked.tokens]))
        return SearchResult(query, hits, asked.vector, tokens,
                            max(asked.lexical_weight, korean.lexical_weight), idx,
                            alternates=korean.alternates)

    def _search(self, idx: IndexSnapshot, query: str, k: int,
                held: Callable[[str], int] | None) -> SearchResult:
        if idx.empty:
            raise StoreEmptyError(
                f"the Chroma store at {self.store.where} is empty: run `policybot ingest` to"
                " fill it")
        # English names of Korean people, firms and places are searched in their Korean spelling too.
        names, named = idx.aliases.renderings(query)
        # An acronym the glossary knows is searched by its Korean name, as a name the alias
        # table renders is.
        names += [n for n in self.acronym_names(idx, query) if n not in names]
        # A firm named by what it makes ("챗GPT 만든 회사") is searched by its name too.
        names += [n for n in self.makers_named(idx, query)[0] if n not in names]
        # A ministry named in full or by its field is searched as the documents clip it.
        # An English question's are left to BM25 below: appended to what is embedded they
        # pulled the meaning away from what was asked of the ministry.
        ministries = self.ministries_named(idx, query)
        if in_korean(query):
            names += [n for n in ministries if n not in names]
        searched = f"{query} ({' '.join(names)})" if names else query
        if in_korean(query):
            searched = without_fillers(searched)
        # Whom a Korean question names by post ("미스릴 대표") is also looked for by name.
        # They stay out of the question's words: "한나라당 의원은 누구" is answered by one.
        people = self._holders_asked(idx, query)
        vector = self._embedded(idx, f"{searched} ({' '.join(people)})" if people else searched)
        # A word Kiwi split otherwise in the documents ("미스릴(Mithril)" is 미 + 스릴 there),
        # or spelled with another vowel ("휴모노이드"), is searched as the documents have it.
        # Words of talk ("옛날에 …했었대?") say nothing of the subject: a passage that answers
        # rarely has them, and they would weigh as much as the words it does have. A question
        # of talk alone ("요새 어때?") keeps them, to be judged off-topic by them.
        words = self.morph.tokens(searched)
        if not TALK_WORDS & set(self.morph.key_terms(query)):  # kept there when all there is
            words = [t for t in words if t not in TALK_WORDS]
        tokens = self.morph.expand([w for t in words for w in self._as_written(idx, t)])
        holders = [t for t in self.morph.tokens(" ".join(people)) if t not in tokens]
        # Press releases write a year short ("27년까지", "'24.9"): a year the documents never
        # write in full is looked for that way ("2027년" → 27). One they do write is left
        # alone, as a short number there is rarely that year.
        tokens += [t[2:] for t in tokens
                   if FULL_YEAR.fullmatch(t) and not idx.lexical.df.get(t) and t[2:] not in tokens]
        weighed = tokens
        if not in_korean(query):
            # An English question's words also count in their Korean form, for BM25 only:
            # the embedder reads the English as it is.
            tokens += self.morph.tokens(" ".join(self.glossary.korean_words(query) + ministries))
            # A word given in Korean is judged by its Korean form: "Minister Han" is as
            # known to the corpus as 한성숙 and 장관 are, not as unknown as "han" is.
            stand_ins = self.morph.tokens(" ".join(named | self.glossary.rendered(query)))
            weighed = [t for t in tokens if t not in stand_ins]
        # A chat user's everyday word the documents never use ("자료") may be one they write
        # formally (데이터): a sentence that does counts as using it, and the question's key
        # words as covered. Not searched with: a formal word common in the documents ("사장"
        # as 대표) pulled up every passage listing people, and one of another sense ("무기"
        # as 경쟁력) the wrong ones (measured on our question sets).
        alternates = {t: ways for t, ways in self.thesaurus.alternates(searched).items()
                      if not idx.lexical.df.get(t)} if in_korean(query) else {}
        dense = dict(self.store.dense(vector, CANDIDATES))
        lex = idx.lexical.scores(tokens + holders)
        weight = self.lexical_weight(weighed, idx)
        # To the sentence features, such a word is as known to the documents as its formal
        # word: a paraphrase's overlap would otherwise fade out with the words it put in
        # everyday terms. Search weighs BM25 as before, as it doesn't look for them.
        written = {t: w for t, ways in alternates.items()
                   for w in (w for way in ways for w in way if idx.lexical.df.get(w))}
        judged = self.lexical_weight([written.get(t, t) for t in weighed], idx)

        pos = idx.positions
        rows = {pos[c] for c in dense if c in pos}  # ids another ingest added: skip
        rows.update(int(i) for i in np.argsort(-lex)[:CANDIDATES] if lex[i] > 0)
        # A passage is as near a Korean question as its nearest sentence: a long passage's
        # one vector blurs the sentence that answers, most of all for a paraphrase. English
        # questions keep the passage's own: cross-lingual sentence cosines misled more than
        # they found (measured on our question sets, both engines).
        nearest = idx.nearest_sentences(vector) if in_korean(query) else None
        if nearest is not None and len(nearest):
            # The best few, unordered: a partition, not a sort of every passage.
            top = np.argpartition(-nearest, min(CANDIDATES, len(nearest) - 1))[:CANDIDATES]
            rows.update(int(i) for i in top if nearest[i] > -1)
        # Document order, and a stable sort below, so equal scores rank the same every run.
        ids = [idx.chunks[r].id for r in sorted(rows)]
        if not ids:
            return SearchResult(query, [], vector, tokens, judged, idx, alternates=alternates)
        floor = min(dense.values()) if dense else 0.0
        d_vals = np.array([dense.get(c, floor) for c in ids], dtype=np.float32)
        if nearest is not None:
            d_vals = np.maximum(d_vals, nearest[[pos[c] for c in ids]])
        l_vals = np.array([lex[pos[c]] for c in ids], dtype=np.float32)
        d_span = float(d_vals.max() - d_vals.min()) or 1.0
        d_norm = (d_vals - d_vals.min()) / d_span
        l_norm = l_vals / (float(l_vals.max()) or 1.0)
        fused = d_norm + weight * l_norm

        order = np.argsort(-fused, kind="stable")
        if held is not None:
            # Passages naming more of them first, else as fused.
            order = order[np.argsort([-held(ids[i]) for i in order], kind="stable")]
        order = order[:k]
        hits = [
            Hit(chunk=idx.chunks[pos[ids[i]]], score=float(fused[i]),
                dense=float(d_vals[i]), lexical=float(l_vals[i]))
            for i in order
        ]
        return SearchResult(query, hits, vector, tokens, judged, idx, alternates=alternates)
