"""Score the sentences of the top chunks and choose the ones that answer the question."""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from retrieval.answer.agents import about_agent, asked_agent, asks_request, states_request
from retrieval.answer.features import FEATURES, Candidate, feature_matrix
from retrieval.answer.instructions import reads_as_instruction
from retrieval.answer.likeness import asks_likeness, likened_words, likens
from retrieval.answer.organisations import asks_organisation, names_another
from retrieval.answer.passages import in_section
from retrieval.answer.question import detect_lang
from retrieval.answer.roles import asked_role, plays
from retrieval.answer.selector import Selector, odds_shares
from retrieval.answer.spans import (
    AnswerType,
    answer_type,
    answers_all,
    asked_heads,
    asked_posts,
    asked_titles,
    holders,
    lead_span,
    spans,
)
from retrieval.index import (
    ENGLISH_TITLES,
    HANGUL,
    SURNAME_SYLLABLES,
    Morphology,
    StoredSentence,
    acronyms,
    holds_name,
    item_number,
    looks_like_person,
    same_post,
    strip_lead,
    with_alternates,
    without_fillers,
)
from retrieval.search import Hit, Searcher, SearchResult

log = logging.getLogger(__name__)

TOP_CHUNKS = 5
# A sentence or heading this short reads as a fragment, or a label, not a statement.
FRAGMENT_CHARS = 25


# A line cut short after "…으로" is a banner or a slogan ("가벼운 증상은 동네 병·의원으로"),
# not a label of what follows; "신청 방법을 안내합니다" may well be one.
_BANNER_END = re.compile(r"으로\W*$")


def reads_as_banner(heading: str) -> bool:
    """True for a heading that reads as a banner or slogan rather than a label."""
    return bool(_BANNER_END.search(heading))


@dataclass(frozen=True)
class ScoredSentence:
    """A candidate sentence with the scores that ranked it."""

    sentence: StoredSentence
    chunk_id: str
    order: int
    hit_rank: int
    dense: float
    lexical: float
    score: float
    own: float = 0.0  # overlap with the sentence's own words, headings left out
    features: np.ndarray | None = field(default=None, compare=False)


def formula_scores(x: np.ndarray) -> np.ndarray:
    """The hand-set score used before the selector was fitted, kept to compare against."""
    col = {name: i for i, name in enumerate(FEATURES)}
    rank = 1.0 / x[:, col["chunk_rank"]] - 1
    bare_heading = (x[:, col["heading"]] > 0) & (x[:, col["length"]] < math.log1p(12) / math.log1p(300))
    return (x[:, col["dense"]] + 0.07 * x[:, col["context"]] - 0.01 * rank
            - 0.02 * bare_heading)


class SentencePicker:
    """Scores the sentences of the top chunks against the question."""

    def __init__(self, searcher: Searcher, morph: Morphology,
                 selector: Selector | None = None) -> None:
        self.searcher = searcher
        self.morph = morph
        # None scores with the old hand-set formula; evaluation compares the two.
        self.selector = selector
        # Sentence ids are content hashes, so a sentence's morphemes never go stale.
        self._tokens: dict[str, tuple[tuple[str, ...], frozenset[str], frozenset[str]]] = {}

    def fitted_for(self, question: str) -> bool:
        """True when the fitted selector scores this question.

        Its training data holds Korean questions only, so English ones keep the dense-first
        formula, which was checked on English questions.
        """
        return self.selector is not None and detect_lang(question) == "ko"

    def _sentence_tokens(
        self, sent: StoredSentence
    ) -> tuple[tuple[str, ...], frozenset[str], frozenset[str]]:
        """The sentence's morphemes, its headings' morphemes, and its names and numbers."""
        cached = self._tokens.get(sent.id)
        if cached is None:
            own = tuple(self.morph.tokens(sent.text))
            context = frozenset(self.morph.tokens(sent.context)) if sent.context else frozenset()
            names = frozenset(self.morph.proper_terms(sent.text))
            cached = self._tokens[sent.id] = (own, context, names)
        return cached

    def mentions(self, sent: StoredSentence, words: list[str]) -> bool:
        """True when the sentence or its headings use one of the words, or a compound's head.

        "투자액" is asked of a sentence that says "7조원 투자": a compound noun is also found by
        its first two syllables standing as a word of their own.
        """
        own, context, _ = self._sentence_tokens(sent)
        return any(w in own or w in context or w in sent.indexed
                   or (len(w) > 2 and (w[:2] in own or w[:2] in context)) for w in words)

    def uses(self, sent: StoredSentence, words: list[list[str]]) -> bool:
        """True when the sentence or its headings hold every morpheme of one of the words.

        A word comes as its morphemes ("기업가치" as 기업 + 가치), as Kiwi cut the sentence.
        """
        own, context, _ = self._sentence_tokens(sent)
        held = set(own) | context
        return any(w and all(t in held for t in w) for w in words)

    def candidates(self, result: SearchResult) -> list[ScoredSentence]:
        """Every sentence of the top chunks, best first; never one that talks to the assistant."""
        seen: set[str] = set()
        raw: list[Candidate] = []
        records: list[StoredSentence] = []
        idx = result.index  # the snapshot the hits came from, so nothing mixes with a reload
        for rank, hit in enumerate(result.hits[:TOP_CHUNKS]):
            for order, sid in enumerate(idx.sentence_ids.get(hit.chunk.id, [])):
                sent = idx.sentences.get(sid)
                vec = idx.sentence_vector(sid)
                if sent is None or vec is None or sid in seen:
                    continue
                seen.add(sid)
                if reads_as_instruction(sent.text):
                    # A document that tells the assistant what to say is not evidence of it.
                    log.info("skipped a sentence addressed to the assistant: %.80r", sent.text)
                    continue
                if sent.kind == "heading" and reads_as_banner(sent.text):
                    continue  # page furniture ("가벼운 증상은 동네 병·의원으로"), no evidence
                own, context, names = self._sentence_tokens(sent)
                if result.alternates:
                    own, context = (with_alternates(own, result.alternates),
                                    frozenset(with_alternates(tuple(context), result.alternates)))
                raw.append(Candidate(sent.text, sent.context, own, context, names, sent.kind,
                                     hit.chunk.id, order, rank, hit.score,
                                     float(np.dot(vec, result.vector))))
                records.append(sent)
        if not raw:
            return []
        q_tokens = list(dict.fromkeys(result.tokens))
        idf = {t: idx.lexical.idf(t) for t in q_tokens}
        # The question's names as the search read it: Kiwi tags a name by its neighbours, and
        # "그 모임에 대충" made 중기부 one where "모임에" did not.
        x = feature_matrix(raw, q_tokens, self.morph.proper_terms(without_fillers(result.query)),
                           answer_type(result.query), idf, result.lexical_weight)
        fitted = self.selector if self.fitted_for(result.query) else None
        scores = fitted.score(x) if fitted is not None else formula_scores(x)
        own_col, ctx_col = FEATURES.index("own"), FEATURES.index("context")
        out = [
            ScoredSentence(sent, c.chunk_id, c.order, c.hit_rank, c.dense, float(x[i, ctx_col]),
                           float(scores[i]), float(x[i, own_col]), x[i])
            for i, (sent, c) in enumerate(zip(records, raw, strict=True))
        ]
        out.sort(key=lambda s: -s.score)
        return out


REORDER_GAP = 2.0
"""How far below the selector's best a candidate may score and still be moved before it for
holding the kind of span asked for (selector scores only).

Fitted by `bench/fit_reorder.py` on KorQuAD's fitting articles: there any such move costs
(0.894 of first sentences hold the answer with none allowed, 0.848 with no limit), and
this is the widest gap within 1.5 points of the best (0.883; held-out 0.868 against 0.808),
so a sentence holding the asked span can still win where the selector is unsure.
"""


_QUANTITY = re.compile(r"얼마|몇|비율|비중|규모|how (much|many)|what (share|percentage)", re.I)
# "…라고 했나요?", "what did X say": the answer is somebody's words, so a quotation.
_SPEECH = re.compile(r"(라고|다고)\s*(했|말했|밝혔|강조했|언급했)|말한 것|what did .{1,60} say", re.I)
_DIGIT = re.compile(r"\d")
_QUOTE_MARK = re.compile(r"[“”\"]")


def _prefer(cands: list[ScoredSentence], wanted: Callable[[str], bool],
            gap: float) -> list[ScoredSentence]:
    """Move close candidates whose own text is `wanted` to the front.

    Among them, the one stated in words of the question comes first ("투자" → "7조원 투자"),
    its headings counted: "🌟 7조원 투자" under "SK 최태원 회장" says SK as a table row
    naming "SK 커뮤니케이션" does.
    """
    best = cands[0].score
    picked = [c for c in cands if wanted(strip_lead(c.sentence.text)) and c.score >= best - gap]
    if not picked:
        return cands  # the very list, so a caller can tell nothing was wanted
    picked.sort(key=lambda c: (-c.lexical, -c.score))
    return picked + [c for c in cands if c not in picked]


def to_front(first: ScoredSentence | None,
             cands: list[ScoredSentence]) -> list[ScoredSentence]:
    """The candidates with `first` moved before the others, or as they are when it is None."""
    return cands if first is None else [first, *(c for c in cands if c is not first)]


def prefer_named(names: list[str], cands: list[ScoredSentence], hits: Sequence[Hit] = (),
                 window: int = 5) -> list[ScoredSentence]:
    """Of the top candidates, those naming more of the question's names come first, unless the
    best one already names one, or its passage among `hits` (title included) does.

    A question about "매스프레소" is answered by a sentence (or table row) about it, not by a
    higher-scored one about investment in general; headings count, so a list item under
    "SK 최태원 회장" names SK. A best sentence from a passage about them is on topic even
    if it names none itself: on KorQuAD, where the answer sentence often leaves its
    article's subject unnamed, moving past such a sentence cost 2.5 points.
    """
    if not names or not cands or any(holds_name(n, cands[0].sentence.indexed) for n in names):
        return cands
    passage = next((h.chunk for h in hits if h.chunk.id == cands[0].chunk_id), None)
    if passage is not None and any(holds_name(n, passage.titled) for n in names):
        return cands
    top = cands[:window]
    named = sorted(top, key=lambda c: -sum(holds_name(n, c.sentence.indexed) for n in names))  # stable
    return named + cands[window:]


def prefer_likeness(words: list[str], cands: list[ScoredSentence]) -> list[ScoredSentence]:
    """For "무엇에 비유했나", the first candidate that likens or defines something the question
    names comes first."""
    return to_front(next((c for c in cands if likens(c.sentence.text, words)), None), cands)


def prefer_agent(question: str, cands: list[ScoredSentence]) -> list[ScoredSentence]:
    """For "정부가 어떤 역할을 해야" or "무엇을 요청했나", the line of the best one's section saying so.

    That is the first candidate of its section naming 정부, or stating a request, at any
    rank, unless the first one does: the section bounds the look, not a count. The lines
    about the export or the fair share more words with the question and say nothing of the
    government's part or of what was asked of it; another section's line is another
    speaker's.
    """
    agent = asked_agent(question)
    if agent is not None:
        cands = _section_first(cands, lambda text: about_agent(agent, text))
    if asks_request(question):
        cands = _section_first(cands, states_request)
    return cands


# What someone said or judged ("무엇이라고 표현했나요", "뭐라고 봤어", "강조했나").
_ASKS_WORDS = re.compile(r"(?:무엇|뭐|무어)(?:이)?라고|말했|밝혔|강조|표현|언급|주장|진단|지적|"
                         r"설명했|꼽았|(?:내다)?봤|보았|전망")


def prefer_speaker(question: str, cands: list[ScoredSentence], result: SearchResult,
                   gap: float) -> list[ScoredSentence]:
    """For what someone asked by title said ("연구소 실장은 무엇이라고"), a close line naming a
    holder of that title ("조원영 실장은 …") first, unless the first one's passage names one.

    A passage with no holder of the title holds nobody's words the question asks about,
    however many of its other words it shares. One that names a holder may go on with their
    words unnamed ("반도체는 …" after "손정의 회장은"); a line the selector scored far lower
    is left where it is.
    """
    if answer_type(question) == "person" or not cands or not _ASKS_WORDS.search(question):
        return cands
    titles = {p for t in asked_titles(question) for p in same_post(t)}
    if not titles:
        return cands

    def holder_in(text: str) -> bool:
        # "국내 시장", "글로벌 대표" stand before a title too: a holder is a person's name.
        return any(looks_like_person(h) for h in holders(titles, text))

    def names_holder(c: ScoredSentence) -> bool:
        return holder_in(c.sentence.text) or holder_in(label_above(c.sentence))

    idx = result.index
    first = cands[0]
    passage = idx.chunks[idx.positions[first.chunk_id]].text if first.chunk_id in idx.positions else ""
    # A question naming the holder ("정신아 대표는", "손 회장이") is left to the selector,
    # which weighs the name.
    alts = "|".join(map(re.escape, titles))
    named = spans("person", question) or re.search(
        rf"(?<![가-힣])[{SURNAME_SYLLABLES}]\s?(?:{alts})", question)
    if named or names_holder(first) or holder_in(passage):
        return cands
    best = cands[0].score
    return to_front(next((c for c in cands if c.score >= best - gap and names_holder(c)), None),
                    cands)


def _section_first(cands: list[ScoredSentence],
                   holds: Callable[[str], bool]) -> list[ScoredSentence]:
    """The candidates with the first of the first one's section that `holds` first."""
    if not cands or holds(cands[0].sentence.text):
        return cands
    first = cands[0].sentence
    return to_front(next((c for c in cands
                          if in_section(first, c.sentence) and holds(c.sentence.text)), None),
                    cands)


def prefer_organisation(known: list[str], cands: list[ScoredSentence],
                        window: int = 5) -> list[ScoredSentence]:
    """For "which company", the first top candidate naming a firm, school or body the question
    doesn't comes first (its label above counted)."""
    def names_one(c: ScoredSentence) -> bool:
        text = f"{label_above(c.sentence)} {c.sentence.text}"
        # One about whom the question names: a school in another firm's table is no answer.
        return (names_another(text, known)
                and (not known or any(k in c.sentence.indexed or k in text for k in known)))

    return to_front(next((c for c in cands[:window] if names_one(c)), None), cands)


def prefer_role(question: str, cands: list[ScoredSentence]) -> list[ScoredSentence]:
    """For "who gave the talk" (발제, 축사, the chair), the first candidate of the first one's
    document saying who played that part comes first, unless the first one does.

    A question naming the event by its host ("오영주 장관 회의에서 발제한 사람") ranks the
    host's own lines above the line naming the speaker, at any rank; another document's
    speaker spoke at another event, so one is taken only when that document names none.
    """
    role = asked_role(question) if answer_type(question) == "person" else None
    if role is None or not cands:
        return cands

    def played(c: ScoredSentence) -> bool:
        return plays(role, question, f"{label_above(c.sentence)} {c.sentence.text}")

    if played(cands[0]):
        return cands
    source = cands[0].sentence.source
    found = next((c for c in cands if c.sentence.source == source and played(c)), None)
    return to_front(found or next((c for c in cands if played(c)), None), cands)


def label_above(sent: StoredSentence) -> str:
    """The heading right above the sentence when it is a short label ("루닛 서범석 대표").

    A long heading is a title or a summary line; its names are not what the sentence is about.
    """
    return next(iter(labels_above(sent, 1)), "")


def labels_above(sent: StoredSentence, depth: int = 2) -> list[str]:
    """The short headings over the sentence, nearest first, up to `depth` levels up.

    A list under "핵심 제안" under "카카오 정신아 대표" is that person's: the label two levels
    up still says whose. Higher ones are a document's sections, not whose line it is.
    """
    return [h for h in reversed(sent.headings[-depth:]) if len(h) < FRAGMENT_CHARS]


def _holds(kind: AnswerType, question: str, sent: StoredSentence) -> bool:
    """The sentence, with the label right above it, holds every span the question asks for."""
    return answers_all(kind, question, f"{label_above(sent)} {sent.text}")


def prefer_typed(question: str, words: set[str], cands: list[ScoredSentence],
                 window: int = 5, gap: float = math.inf) -> list[ScoredSentence]:
    """For a question that asks for an amount, date, person or place, when the best candidate
    holds none, the best of the top candidates that holds one comes first: a sentence
    without one cannot be the answer.

    Among those, one whose span stands by the question's words ("7조원 투자" for "얼마를
    투자") is about the thing asked, so it goes before one that merely holds a number.
    """
    kind = answer_type(question)
    if kind is None or not cands or _holds(kind, question, cands[0].sentence):
        return cands
    # A speaker's line holds its person in the heading above ("✅ 루닛 서범석 대표" over
    # "루닛은 국내 1호 의료 AI 창업 기업으로"), as the best one may.
    typed = [c for c in cands[:window]
             if (answers_all(kind, question, c.sentence.text)
                 or (kind == "person" and answers_all(kind, question, c.sentence.context)))
             and c.score >= cands[0].score - gap]
    titles = asked_posts(question) if kind == "person" else set()
    if titles:
        # "수학 AI 회사 대표 이름": a line naming someone of another post ("✅ SK 최태원 회장")
        # answers no better than the best one, which may leave the 대표 asked unnamed.
        typed = [c for c in typed if holders(titles, c.sentence.text)]
    typed.sort(key=lambda c: lead_span(kind, c.sentence.text, words) is None)  # stable
    return typed[:1] + [c for c in cands if c not in typed[:1]]


def prefer_holder(question: str, words: Sequence[str], cands: list[ScoredSentence],
                  window: int = 5) -> list[ScoredSentence]:
    """For "who is the 중기부 장관", a top sentence naming someone 장관 beside 중기부 comes first.

    "오영주 장관" says who holds the title outright; a sentence that only mentions the
    ministry says nothing of who leads it, however well it matches the question's words.
    Every other Korean word of the question must be in that sentence or its headings: a
    장관 named beside another ministry, or a question that says more than "who is the
    장관 of …", is left to the selector.
    """
    titles = asked_heads(question) if answer_type(question) == "person" else set()
    rest = [w for w in words if HANGUL.search(w) and w not in titles]
    if not titles or not cands or holders(titles, cands[0].sentence.text):
        return cands

    def names_holder(c: ScoredSentence, text: str) -> bool:
        return bool(holders(titles, text)) and all(w in c.sentence.indexed for w in rest)

    found = next((c for c in cands[:window] if names_holder(c, c.sentence.text)), None)
    if found is None and not holders(titles, cands[0].sentence.context):
        # A list item's holder is its heading ("산업부 안덕근 장관" over "• 울산 포함 7곳…").
        found = next((c for c in cands[:window] if names_holder(c, c.sentence.context)), None)
    return to_front(found, cands)


# English questions asking for these kinds get the typed span first, as Korean ones do; for
# sums the digits preference checked on English questions stays (an English question's
# best sentences often hold the sum only in their heading). A share is only ever a
# percentage, and "how long" a span of time, so any other number ("70여 명",
# "1,090억달러") does not answer them.
NAMED_KINDS = frozenset({"person", "time", "date", "count", "place", "percent", "duration"})


# Titles written as acronyms ("CEO", "CTO") name a role, not whom or what is asked about.
_ROLES = frozenset({"cto", "cfo", "coo", "cio", "cso", "vp"})


def named_acronyms(question: str, result: SearchResult) -> list[str]:
    """The all-capital names of a question that single out some passages ("KT").

    The documents write them as the question does; one most passages hold ("AI") singles out
    nothing, and would stop the preference for sentences naming the question's names. One
    inside a longer name ("LG유플러스") is not the question's.
    """
    idx = result.index
    return [a for a in acronyms(question)
            if a.lower() not in ENGLISH_TITLES and a.lower() not in _ROLES
            and holds_name(a, question) and idx.singles_out(idx.lexical.df.get(a.lower(), 0))]


def answer_order(question: str, cands: list[ScoredSentence], result: SearchResult,
                 morph: Morphology, fitted: bool) -> list[ScoredSentence]:
    """The candidates as the answer takes them: named, then typed, then a title's holder first.

    `fitted` says the scores are the selector's (a Korean question); an English question's
    names are looked for in their Korean spelling ("Lunit" → 루닛).
    """
    names = (morph.proper_nouns(question) if fitted
             else result.index.aliases.korean_names(question)) + named_acronyms(question, result)
    cands = prefer_named(list(dict.fromkeys(names)), cands, result.hits)
    if asks_likeness(question):
        # What the question likens (its object) when it says: "시설을 어떤 길에 비유" is not
        # answered by a likeness of 울산, which it also names.
        cands = prefer_likeness(likened_words(morph, question, result.tokens), cands)
    cands = prefer_agent(question, cands)
    if fitted:
        cands = prefer_speaker(question, cands, result, REORDER_GAP)
    if asks_organisation(question):
        cands = prefer_organisation(names, cands, window=5 if fitted else len(cands))
    if fitted or answer_type(question) in NAMED_KINDS:
        # The gap is in selector scores; the formula's (English) are on another scale.
        gap = REORDER_GAP if fitted else math.inf
        ranked = prefer_typed(question, set(result.tokens), cands, gap=gap)
    else:
        ranked = prefer_answer_type(question, cands)
    # An English question's Korean words must all be there: its names, not the
    # glossary's loose renderings ("SMEs" is 중소기업, the documents say 중소벤처기업부).
    # Its order is by meaning alone, which ranks a title's holder anywhere among the
    # candidates ("Which … Minister gave the speech?" put three CEO remarks first): all of
    # them are looked through, where the selector's top five suffice.
    held = prefer_holder(question, result.tokens if fitted else names, ranked,
                         window=5 if fitted else len(ranked))
    # An English question's best passage picks the notice looked in, unless the first
    # sentence's story holds more of the question's words ("where is that summit held" is
    # asked of the story writing 딥테크 and 정상회의, not of a notice's meeting room).
    source = None
    if result.hits and not fitted:
        source = result.hits[0].chunk.source
        if held and _words_held(result, held[0].sentence.source) > _words_held(result, source):
            source = held[0].sentence.source
    return prefer_labelled(question, prefer_role(question, held), source=source)


def _words_held(result: SearchResult, source: str) -> int:
    """How many of the search's words the story writes."""
    idx = result.index
    written = {t for c in idx.chunks_of(source) for t in idx.lexical.tokens_of(idx.positions[c.id])}
    return len(set(result.tokens) & written)


# The labels official notices put before when and where ("(일시/장소) '24.2.5(수), 14:10~15:30,
# 여의도 63빌딩", "일 시: …", "Venue: …"): a line so labelled states the event's own time or place.
_LABEL_WORDS: dict[AnswerType, str] = {
    # Not 시간: a programme's rows are labelled so, each with its own item's time.
    "date": r"일\s?시|일\s?자|날\s?짜|date|when",
    "time": r"일\s?시|when",
    "place": r"장\s?소|위\s?치|venue|location|place|where",
}
_LABELS = {kind: re.compile(rf"(?:^|[\s(\[■□▶○•·/,-])(?:{words})\s*(?:[/·,][^)\]:]{{0,8}})?[:)\]]",
                            re.I)
           for kind, words in _LABEL_WORDS.items()}


_FLOOR = re.compile(r"\b(?:which|what)\s+floor\b|몇\s*층", re.I)


def _label_for(question: str) -> re.Pattern[str] | None:
    """The label of the lines that state what the question asks (when, where), if any."""
    kind = answer_type(question)
    if kind == "count" and _FLOOR.search(question):
        return _LABELS["place"]  # the floor an event was on ("42층") is given where its place is
    return _LABELS.get(kind) if kind is not None else None


def labelled_for(question: str, text: str) -> bool:
    """True for a line labelled with what the question asks ("(일시/장소) …" for when, where)."""
    label = _label_for(question)
    return label is not None and bool(label.search(text))


def prefer_labelled(question: str, cands: list[ScoredSentence],
                    source: str | None = None) -> list[ScoredSentence]:
    """For when or where, a candidate of the first one's document labelled with it ("(일시/장소)
    …") that holds the span asked comes first, unless the first one is so labelled already.

    Another document's notice is of another event. With `source`, that document is the
    one looked in (an English question's: its best passage's, as its sentence order is by
    meaning alone and may open with another document's sentence).
    """
    kind = answer_type(question)
    label = _label_for(question)
    if label is None or not cands or label.search(cands[0].sentence.text):
        return cands
    source = source or cands[0].sentence.source
    found = next((c for c in cands if c.sentence.source == source
                  and label.search(c.sentence.text)
                  and answers_all(kind, question, c.sentence.text)), None)
    return to_front(found, cands)


_ORDINAL_WORDS = {"첫": 1, "한": 1, "두": 2, "둘": 2, "세": 3, "셋": 3, "네": 4, "넷": 4,
                  "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10,
                  "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
                  "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
_ORDINAL = re.compile(
    r"(\d{1,2}|첫|한|두|둘|세|셋|네|넷|다섯|여섯|일곱|여덟|아홉|열)\s*(?:번째|째)"
    r"|\b(\d{1,2})(?:st|nd|rd|th)\b|\b(first|second|third|fourth|fifth|sixth|seventh|eighth"
    r"|ninth|tenth)\b", re.I)


# "두 번째 단계" is the stage the documents write "2단계", "the second phase" likewise: an
# ordinal naming a stage or a round is no place in a list.
_STAGE = re.compile(r"\s*(?:단계|차(?![가-힣])|차\s?(?:회의|회담|협상|위원회)|회차|분기|라운드|"
                    r"\bstage\b|\bphase\b|\bround\b)", re.I)


def asked_ordinal(question: str) -> int | None:
    """The place in a list a question asks about ("4번째", "두 번째", "the third"), if any.

    Several places ("첫째, 둘째, 셋째로 강조한") are a way of saying, not one item asked.
    """
    places = {int(word) if word.isdigit() else _ORDINAL_WORDS[word.lower()]
              for m in _ORDINAL.finditer(question) for word in m.groups() if word
              if not _STAGE.match(question, m.end())}
    return places.pop() if len(places) == 1 else None


def numbered_item(question: str, cands: list[ScoredSentence]) -> ScoredSentence | None:
    """For "the fourth of the five proposals", the best candidate numbered 4, if any."""
    n = asked_ordinal(question)
    if n is None or n > max(_ORDINAL_WORDS.values()):
        return None
    # What counts as a numbered item is what the chunker keeps as one.
    return next((c for c in cands if item_number(c.sentence.text) == n), None)


def prefer_answer_type(question: str, cands: list[ScoredSentence]) -> list[ScoredSentence]:
    """For 'how much / 몇' prefer numbers; for 'what did they say' prefer quotations."""
    if not cands:
        return cands
    if _QUANTITY.search(question):
        if answer_type(question) == "money":
            # A sum asked is answered by a sum, where a close one holds it: "5년 내 2만 개"
            # has digits, not money.
            by_sum = _prefer(cands, lambda text: answers_all("money", question, text), gap=0.07)
            if by_sum is not cands:
                return by_sum
        return _prefer(cands, lambda text: bool(_DIGIT.search(text)), gap=0.07)
    if _SPEECH.search(question):
        return _prefer(cands, lambda text: bool(_QUOTE_MARK.search(text)), gap=0.05)
    return cands


QUOTE_COVER = 0.9
"""Runner-up quotes are added until, by the fitted selector's odds, they hold the answer this
often. The bot's first sentence holds it for 0.87 of held-out questions; with runner-ups up to
0.9 of the selector's probability the quotes hold it for 0.94, at 1.9 quotes an answer."""


_ARROW = re.compile(r"^\s*(?:→|⇒|->|=>|➡|➔)")


# "세 요소 모두 난제이지만": things counted as a whole, which the line before has listed.
_COUNTED_BACK = re.compile(r"(?<![가-힣])(?:두|세|네|다섯)\s?(?:요소|가지|분야|축|자원|과제)\s?"
                           r"(?:모두|다|중|가운데|각각)(?![가-힣])")


# A line that is a quotation and nothing else, past a bullet ("✅ “AI는 이제 산수처럼 배워야
# 한다”"), titles what the next line says: alone it answers nothing.
_QUOTED_TITLE = re.compile(r"[^\w“\"‘']{0,3}\s*[“\"‘'][^”\"’']{2,60}[”\"’']\s*")


def _titled_by(c: ScoredSentence, best: ScoredSentence) -> bool:
    """True for the line right after a best line that only quotes a title."""
    return (c.chunk_id == best.chunk_id and c.order == best.order + 1
            and bool(_QUOTED_TITLE.fullmatch(best.sentence.text)))


def _carries_on(c: ScoredSentence, best: ScoredSentence) -> bool:
    """True for the next line opening with an arrow, or the one before listing what it counts."""
    if c.chunk_id != best.chunk_id:
        return False
    return ((c.order == best.order + 1 and bool(_ARROW.match(c.sentence.text)))
            or (c.order == best.order - 1 and bool(_COUNTED_BACK.search(best.sentence.text)))
            or _titled_by(c, best))


def choose(cands: list[ScoredSentence], max_quotes: int = 3,
           neighbour_gap: float = 0.05, cover: float | None = None) -> list[ScoredSentence]:
    """The best sentence, the sentence next to it when that one carries on, then runners-up.

    An answer often sits right after the sentence that matches the question best
    ("…MOU를 체결했다." → "핵심은 … 설립 구상이다."), so the neighbour gets a wider margin.
    With `cover` (scores are the selector's logits), a runner-up is added while the quotes
    so far hold less than that share of the selector's probability; without it, only one
    scored within 0.02 of the best.
    """
    if not cands:
        return []
    best = cands[0]
    chosen = [best]
    words = set(best.sentence.text.split())
    # Only the selector's logits have odds; the formula's scores (English) are not logits.
    share = (odds_shares(np.array([c.score for c in cands])) if cover is not None
             else np.zeros(len(cands)))
    held = float(share[0])
    # A line that opens with an arrow ("→ 정부의 특별법 제정 요청") carries on the line
    # above it, so it joins the best one before any runner-up is weighed.
    order = sorted(range(1, len(cands)), key=lambda i: not _carries_on(cands[i], best))
    for i in order:
        c = cands[i]
        if len(chosen) >= max_quotes:
            break
        same_doc = c.sentence.source == best.sentence.source
        neighbour = c.chunk_id == best.chunk_id and abs(c.order - best.order) == 1
        # A neighbour is judged on meaning alone: it rarely repeats the question's words.
        if _titled_by(c, best):
            close = True  # what the title's line says is the answer, however it scored
        elif neighbour and c.sentence.kind != "heading":
            close = c.dense >= best.dense - neighbour_gap
        elif cover is not None:
            close = held < cover
        else:
            close = c.score >= best.score - 0.02
        if not same_doc or not close:
            continue
        new = set(c.sentence.text.split()) - words
        if len(new) < 3:
            continue
        chosen.append(c)
        words |= new
        held += float(share[i])
    # Neighbours read in document order, so the answer flows as the source does; any other
    # runner-up comes after the best sentence, which the answer's lead is taken from.
    head = chosen[:2]
    if len(head) == 2 and head[1].chunk_id == best.chunk_id and head[1].order == best.order - 1:
        head = [head[1], best]
    return head + chosen[2:]
