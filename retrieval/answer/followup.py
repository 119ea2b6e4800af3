"""Read a follow-up against the conversation: complete what it leaves out, or leave it alone."""

from __future__ import annotations

import re

from retrieval.answer.conversation import Conversation, Reading, Turn
from retrieval.answer.followup_english import english_follow, english_previous
from retrieval.answer.followup_parts import Follow, Previous, without, word_end
from retrieval.answer.question import detect_lang
from retrieval.index import ASKING_WORDS, ENGLISH_STOPWORDS, Morpheme, Morphology

# Korean grammar, by Kiwi tag: what can be part of a noun phrase, what names something, and
# what makes a sentence a question or a statement: a stem (verb, adjective, copula). An ending
# alone is not one: Kiwi reads the polite 요 of "네이버는요?" as an ending.
_NOUNISH = {"NNP", "NNG", "NNB", "NR", "SN", "SL", "SH", "XR", "XPN", "XSN"}
_CONTENT = {"NNP", "NNG", "SL", "SH", "XR", "SN"}
_NAME = {"NNP", "SL", "SH"}
_PREDICATE = {"VV", "VA", "VX", "XSV", "XSA", "VCP", "VCN"}
_PARTICLE = re.compile(r"J")
# The closed classes that point back: the 그- pronouns and determiners, and time words that
# Kiwi files as common nouns. (이-/저- forms point at what is at hand, not at what was said.)
_BACK_PRONOUNS = {"그거", "그것", "거기", "그곳", "그분", "그들", "그녀", "그이", "걔", "그쪽"}
_PLACE_PRONOUNS = {"거기", "그곳", "그쪽"}
_PERSON_PRONOUNS = {"그분", "그들", "그녀", "그이", "걔"}
_BACK_DETERMINERS = {"그", "해당", "그런"}
_BACK_TIME = {"그때", "당시", "그날"}
_ASKING_PRONOUNS = {"누구", "무엇", "뭐", "어디", "언제", "무어", "얼마"}
_ASKING_ADVERBS = {"언제", "왜", "어떻게", "얼마나", "어째서"}
_ASKING_DETERMINERS = {"몇", "어느", "무슨", "어떤"}


class FollowUpReader:
    """Completes a question that leans on the previous exchange; others are left untouched."""

    def __init__(self, morph: Morphology) -> None:
        self.morph = morph

    def read(self, question: str, conversation: Conversation | None) -> Reading | None:
        """The standalone question a follow-up stands for, or None when it stands on its own."""
        if not conversation:
            return None
        follow = self._follow(question)
        if follow.alone:
            return None
        for turn in reversed(conversation.turns):
            prev = self._previous(turn.question)
            if prev.topic:
                return self._complete(question, follow, prev, turn)
        return None

    # -- the follow-up --------------------------------------------------------------

    def _follow(self, question: str) -> Follow:
        if detect_lang(question) == "en":
            return english_follow(question)
        return self._korean_follow(question)

    def _korean_follow(self, text: str) -> Follow:
        ms = self.morph.morphemes(text)
        follow = Follow(alone=False)
        predicate = False
        content: list[str] = []
        said: list[str] = []
        for i, m in enumerate(ms):
            nxt = ms[i + 1] if i + 1 < len(ms) else None
            if m.tag in ("MAJ", "IC") and i == 0:
                follow.drop.append((m.start, word_end(text, m.end)))
            elif m.tag == "NP" and m.form in _BACK_PRONOUNS:
                end, particle = _with_particle(ms, i)
                kind = ("place" if m.form in _PLACE_PRONOUNS
                        else "owner" if m.form in _PERSON_PRONOUNS else "thing")
                follow.refs.append((m.start, end, kind, particle))
            elif m.tag == "MM" and m.form in _BACK_DETERMINERS and nxt and nxt.tag in _NOUNISH:
                follow.refs.append((m.start, m.end, "owner", ""))
            elif m.tag.startswith("NN") and m.form in _BACK_TIME:
                end, particle = _with_particle(ms, i)
                follow.refs.append((m.start, end, "thing", particle))
            elif (m.tag == "NP" and m.form in _ASKING_PRONOUNS) or (
                    m.tag == "MAG" and m.form in _ASKING_ADVERBS) or (
                    m.tag == "MM" and m.form in _ASKING_DETERMINERS) or (
                    m.tag.startswith("NN") and m.form in ASKING_WORDS):
                pass  # asking words say what is wanted, not what it is about
            elif m.tag in _CONTENT and not _predicate_noun(m, nxt):
                content.append(m.form)
            elif _predicate_noun(m, nxt):
                said.append(m.form)
            if m.tag in _PREDICATE:
                predicate = True
        # What it says itself is not repeated from the context ("…발표는 누가 발표했나요").
        follow.terms = {c.lower() for c in content + said}
        elliptical = not predicate
        if follow.refs:
            return follow
        phrases = _phrases(ms)
        # "그럼 카카오는?", "카카오는요?": one noun phrase, handed over by a linking word or
        # as a topic. Several phrases, or bare keywords ("울산 데이터센터 투자 금액"), are a
        # question of their own.
        after = phrases[0][2] if len(phrases) == 1 else None
        handed = len(phrases) == 1 and (bool(follow.drop) or (
            after is not None and after.tag.startswith("J")))
        if content and (not elliptical or not handed):
            follow.alone = True
        elif content:
            follow.new = text[phrases[0][0]:phrases[0][1]]
            follow.new_named = _all_names(ms, phrases[0][0], phrases[0][1])
            follow.new_names = {m.form.lower() for m in ms if m.tag in _NAME
                                and phrases[0][0] <= m.start < phrases[0][1]}
            follow.new_place = after is not None and after.tag == "JKB" and after.form in (
                "에", "에서", "서")
        return follow

    # -- the previous question ------------------------------------------------------

    def _previous(self, text: str) -> Previous:
        if detect_lang(text) == "en":
            return english_previous(text)
        ms = self.morph.morphemes(text)
        prev = Previous(text)
        phrases = _phrases(ms)
        for start, end, after in phrases:
            if after is not None and (after.tag == "JKS" or (
                    after.tag == "JX" and after.form in ("은", "는", "ᆫ"))):
                prev.subject = (start, end)
                prev.particle = (after.start, after.end, after.form)
                break
        if prev.subject is None:
            named = [p for p in phrases if any(m.tag in _NAME for m in ms
                                               if p[0] <= m.start < p[1])]
            if named or phrases:
                prev.subject = (named or phrases)[0][:2]
        for start, end, after in phrases:
            if after is not None and after.tag == "JKB" and after.form in ("에", "에서", "서"):
                prev.place, prev.place_span = text[start:end], (start, end)
                break
        prev.candidates = [(start, end, after, _all_names(ms, start, end))
                           for start, end, after in phrases
                           if not (after is not None and after.tag == "JKB")]
        words: list[str] = []
        for i, m in enumerate(ms):
            nxt = ms[i + 1] if i + 1 < len(ms) else None
            if m.tag in _CONTENT and m.form not in ASKING_WORDS and m.form not in _BACK_TIME:
                words.append(text[m.start:m.end])
            elif _predicate_noun(m, nxt):
                words.append(m.form)
        # Join the pieces of one phrase back as written ("AI 스타트업 펀드", "데이터센터").
        prev.topic = _as_written(text, ms, words)
        prev.terms = {w.lower() for w in words}
        return prev

    # -- completing it --------------------------------------------------------------

    def _complete(self, question: str, follow: Follow, prev: Previous, turn: Turn) -> Reading:
        core = without(question, follow.drop).strip()
        if follow.refs:
            text = _replace_refs(question, follow, prev)
            return Reading(text, f"{prev.topic_text}: {core}", turn.sources)
        # New information: a name the previous question lacks, or no word shared with it
        # ("투자 규모는?" shares 투자: it asks about an aspect, not about someone new).
        fresh = bool(follow.new_names - prev.terms) or not (follow.terms & prev.terms)
        if follow.new and follow.new_place and prev.place_span and fresh:
            start, end = prev.place_span
            old = prev.text[start:end]
            text = prev.text[:start] + follow.new + prev.text[end:]
            rest = _rest(prev.topic, old)
            note = f"{old} → {follow.new}" + (f": {' '.join(rest)}" if rest else "")
            return Reading(text, note)
        if follow.new and prev.subject and fresh:
            start, end, particle_at = _replaced(prev, follow.new_named)
            old = prev.text[start:end]
            if particle_at is not None:
                _, p_end, particle = particle_at
                text = prev.text[:start] + follow.new + _josa(follow.new, particle) + \
                    prev.text[p_end:]
            else:
                text = prev.text[:start] + follow.new + prev.text[end:]
            rest = _rest(prev.topic, old)
            note = f"{old} → {follow.new}" + (f": {' '.join(rest)}" if rest else "")
            return Reading(text, note)
        # Nothing of its own to ask about: the previous subject and topic come first.
        context = " ".join(w for w in prev.topic if w.lower() not in follow.terms)
        if detect_lang(core) == "en":
            text = f"{core.rstrip('?!. ')} {context}?"
        elif follow.new is not None:
            text = f"{context} {core}"  # "투자 규모는?" → "SK 울산 투자 규모는?"
        else:
            text = f"{context}{_josa(context, '는')} {core}"
        return Reading(text, f"{prev.topic_text}: {core}", turn.sources)


# -- Korean helpers -------------------------------------------------------------------


def _replaced(prev: Previous, named: bool) -> tuple[int, int, tuple[int, int, str] | None]:
    """The phrase of the previous question a handed-over one replaces, and its particle.

    The one of the same kind (a name for a name: 한국 replaces 미국, not "AI 투자 규모"),
    the topic or subject first among equals.
    """
    def fit(c: tuple[int, int, Morpheme | None, bool]) -> int:
        marked = c[2] is not None and (c[2].tag == "JKS" or (
            c[2].tag == "JX" and c[2].form in ("은", "는", "ᆫ")))
        return 2 * (c[3] == named) + marked

    if not prev.candidates:
        assert prev.subject is not None
        return (*prev.subject, prev.particle)
    start, end, after, _ = max(prev.candidates, key=fit)  # the first of the best
    particle = (after.start, after.end, after.form) if after is not None and \
        after.tag.startswith("J") else None
    return start, end, particle


def _all_names(ms: list[Morpheme], start: int, end: int) -> bool:
    """True when every noun in the span is a name (NNP, foreign word, hanja)."""
    nouns = [m for m in ms if start <= m.start < end and m.tag in _NOUNISH]
    return bool(nouns) and all(m.tag in _NAME for m in nouns)


def _rest(topic: list[str], old: str) -> list[str]:
    """The previous topic without the part replaced, for the note."""
    return [w for w in topic if w.lower() not in old.lower() and w.lower() not in ENGLISH_STOPWORDS]


def _predicate_noun(m: Morpheme, nxt: Morpheme | None) -> bool:
    """A noun made a verb by 하다 ("투자하다", "발표했나요"): it says what happens, not about whom."""
    return m.tag == "NNG" and nxt is not None and nxt.tag in ("XSV", "XSA")


def _phrases(ms: list[Morpheme]) -> list[tuple[int, int, Morpheme | None]]:
    """Runs of nouns with content (span and the morpheme after them), predicate nouns left out."""
    out: list[tuple[int, int, Morpheme | None]] = []
    run: list[Morpheme] = []
    for i, m in enumerate([*ms, Morpheme("", "END", 0, 0)]):
        nxt = ms[i + 1] if i + 1 < len(ms) else None
        if m.tag in _NOUNISH and not _predicate_noun(m, nxt):
            run.append(m)
            continue
        kept = [r for r in run if r.tag in _CONTENT and r.form not in ASKING_WORDS
                and r.form not in _BACK_TIME]
        if kept:
            out.append((run[0].start, run[-1].end, m if m.tag != "END" else None))
        run = []
    return out


def _with_particle(ms: list[Morpheme], i: int) -> tuple[int, str]:
    """The end of a word with its particles, and the first particle ("그건" → 은)."""
    end, particle = ms[i].end, ""
    for m in ms[i + 1:]:
        if not _PARTICLE.match(m.tag) or m.start > end:
            break
        particle = particle or m.form
        end = max(end, m.end)
    return end, particle


def _as_written(text: str, ms: list[Morpheme], words: list[str]) -> list[str]:
    """Content words, with pieces written together in the text ("데이터" + "센터") joined."""
    out: list[str] = []
    last_end = -1
    spans = {text[m.start:m.end]: m for m in ms}
    for w in dict.fromkeys(words):
        m = spans.get(w)
        if m is not None and out and m.start == last_end:
            out[-1] += w
        else:
            out.append(w)
        last_end = m.end if m is not None else -1
    return out


def _has_final(word: str) -> bool:
    """Whether the word ends in a consonant sound, which decides 은/는, 이/가, 을/를."""
    last = word.rstrip()[-1:] or " "
    if "가" <= last <= "힣":
        return (ord(last) - 0xAC00) % 28 != 0
    if last.isupper():
        return last in "LMNR"  # 엘, 엠, 엔, 알
    if last.isdigit():
        return last in "013678"  # 영, 일, 삼, 육, 칠, 팔
    return last.isalpha() and last.lower() not in "aeiouy"


def _josa(word: str, particle: str) -> str:
    """The particle in the form the word's last sound asks for ("카카오" + 은/는 → 는)."""
    final = _has_final(word)
    pairs = {"은": ("은", "는"), "는": ("은", "는"), "ᆫ": ("은", "는"), "이": ("이", "가"),
             "가": ("이", "가"), "을": ("을", "를"), "를": ("을", "를"), "ᆯ": ("을", "를"),
             "과": ("과", "와"), "와": ("과", "와")}
    if particle in pairs:
        return pairs[particle][0 if final else 1]
    return "에서" if particle == "서" else particle


def _replace_refs(question: str, follow: Follow, prev: Previous) -> str:
    """The question with each word that points back replaced by what it points at."""
    text = question
    subject = prev.subject_text or prev.topic_text
    for start, end, kind, particle in sorted(follow.refs, reverse=True):
        if kind == "place":
            what = prev.place or prev.topic_text
        elif kind.startswith("owner"):
            what = subject
        else:
            what = prev.topic_text
        if detect_lang(question) == "en":
            if kind == "owner's":
                what = f"{subject}'s"
            elif kind == "place":
                what = f"in {prev.place}" if prev.place else prev.topic_text
            replaced = what
        else:
            replaced = what + (_josa(what, particle) if particle else "")
        text = text[:start] + replaced + text[end:]
    # Words like "그럼" come before what they link, so their spans are still valid.
    first = min(r[0] for r in follow.refs)
    return without(text, [d for d in follow.drop if d[1] <= first]).strip()




