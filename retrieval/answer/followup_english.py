"""Follow-ups in English: the words that point back, a handed-over subject, the subject."""

from __future__ import annotations

import re

from retrieval.answer.followup_parts import Follow, Previous, word_end
from retrieval.index import ENGLISH_STOPWORDS

# English: the words that point back, and the ways a question hands over a new subject.
_EN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'&-]*")
_EN_THING = {"it", "that", "this", "those", "these"}
_EN_PERSON = {"they", "them", "he", "she", "him"}
_EN_OWNER = {"its", "their", "his", "her"}
_EN_PLACE = {"there"}
_EN_TIME = {"then"}
_EN_HANDOVER = re.compile(
    r"^\s*(?:(?:and|so|ok|okay|then|but|also)\b[\s,]*)?(?:(?:what|how)\s+about|and|also|"
    r"same\s+for)\s+(?P<rest>[^?!.]+?)\s*[?!.]*\s*$", re.IGNORECASE)
_EN_PLACE_PREP = {"in", "at"}
_EN_LINKS = {"and", "so", "then", "but", "also", "ok", "okay"}
_MAX_HANDOVER_WORDS = 4
"""A handed-over subject is a name or a short noun phrase ("what about the Ministry of SMEs")."""


def english_follow(text: str) -> Follow:
    """What an English question leaves to its context."""
    follow = Follow(alone=False)
    handover = _EN_HANDOVER.match(text)
    words = list(_EN_WORD.finditer(text))
    lowered = [w.group().lower() for w in words]
    content = [w for w in lowered if w not in ENGLISH_STOPWORDS and w not in _EN_THING
               and w not in _EN_PERSON and w not in _EN_OWNER and w not in _EN_PLACE and w not in _EN_TIME]
    follow.terms = set(content)
    if words and lowered[0] in _EN_LINKS:
        follow.drop.append((words[0].start(), word_end(text, words[0].end())))
    for i, w in enumerate(words):
        low = lowered[i]
        after = lowered[i + 1] if i + 1 < len(lowered) else None
        if low in ("that", "this", "these", "those") and after is not None and (
                after in ENGLISH_STOPWORDS or w.group()[0].isupper()):
            continue  # "that" introducing a clause, not pointing back
        if low in _EN_THING or low in _EN_TIME:
            kind = "owner" if after is not None and after not in ENGLISH_STOPWORDS and \
                low in ("that", "this", "these", "those") else "thing"
            follow.refs.append((w.start(), w.end(), kind, ""))
        elif low in _EN_PERSON:
            follow.refs.append((w.start(), w.end(), "owner", ""))
        elif low in _EN_OWNER:
            follow.refs.append((w.start(), w.end(), "owner's", ""))
        elif low in _EN_PLACE:
            follow.refs.append((w.start(), w.end(), "place", ""))
    rest = handover.group("rest").strip() if handover else ""
    place = re.match(r"(?:in|at)\s+(.+)$", rest, re.IGNORECASE)
    new = place.group(1) if place else rest
    terms = {w.lower() for w in _EN_WORD.findall(new) if w.lower() not in ENGLISH_STOPWORDS}
    # "and when?" hands over nothing: it asks about the previous subject.
    if terms and len(rest.split()) <= _MAX_HANDOVER_WORDS:
        follow.refs = []
        follow.new, follow.new_place, follow.terms = new, place is not None, terms
        follow.new_names = {w.lower() for w in _EN_WORD.findall(new) if w[0].isupper()}
        return follow
    if follow.refs:
        return follow
    bare = len(words) <= 3 and not any(w in ENGLISH_STOPWORDS for w in lowered)
    if content and bare:
        follow.new = text.strip(" ?!.")
    elif content:
        follow.alone = True
    return follow


def english_previous(text: str) -> Previous:
    """The parts of an English question a follow-up can borrow."""
    prev = Previous(text)
    words = list(_EN_WORD.finditer(text))
    content = [w for w in words if w.group().lower() not in ENGLISH_STOPWORDS]
    # The subject is the first run of capitalised words that are not question words.
    run: list[re.Match[str]] = []
    for w in words:
        if w.group()[0].isupper() and w.group().lower() not in ENGLISH_STOPWORDS:
            run.append(w)
        elif run:
            break
    if run:
        prev.subject = (run[0].start(), run[-1].end())
    elif content:
        prev.subject = (content[0].start(), content[0].end())
    lowered = [w.group().lower() for w in words]
    for i, low in enumerate(lowered[:-1]):
        if low in _EN_PLACE_PREP and words[i + 1].group()[0].isupper():
            prev.place = words[i + 1].group()
            prev.place_span = (words[i + 1].start(), words[i + 1].end())
            break
    if content:
        # From the first content word on, as written: "SK investing in Ulsan".
        prev.topic = text[content[0].start():content[-1].end()].split()
    prev.terms = {w.group().lower() for w in content}
    return prev
