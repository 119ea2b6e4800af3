"""What a follow-up reading works with: the previous question's parts and the follow-up's."""

from __future__ import annotations

from dataclasses import dataclass, field

from retrieval.index import Morpheme


@dataclass
class Previous:
    """The parts of the previous question a follow-up can borrow."""

    text: str
    subject: tuple[int, int] | None = None   # span of the subject in `text`
    particle: tuple[int, int, str] | None = None  # the Korean particle after the subject
    place: str | None = None
    place_span: tuple[int, int] | None = None
    # Korean noun phrases that could be replaced: span, the particle after, all names or not.
    candidates: list[tuple[int, int, Morpheme | None, bool]] = field(default_factory=list)
    topic: list[str] = field(default_factory=list)  # its content words, in order
    terms: set[str] = field(default_factory=set)

    @property
    def subject_text(self) -> str:
        """The subject as written."""
        return self.text[self.subject[0]:self.subject[1]] if self.subject else ""

    @property
    def topic_text(self) -> str:
        """Its content words as one phrase ("SK 울산 투자")."""
        return " ".join(self.topic)


@dataclass
class Follow:
    """What a question leaves to its context."""

    alone: bool
    new: str | None = None                     # a subject handed over ("그럼 카카오는?")
    new_place: bool = False                    # ... or a place ("그럼 부산에서는?", "in Busan?")
    new_named: bool = False                    # the handed-over phrase is all names ("한국")
    new_names: set[str] = field(default_factory=set)  # the names in it ("최태원")
    refs: list[tuple[int, int, str, str]] = field(default_factory=list)  # span, kind, particle
    drop: list[tuple[int, int]] = field(default_factory=list)  # "그럼", "what about"
    terms: set[str] = field(default_factory=set)


def word_end(text: str, end: int) -> int:
    """Past the punctuation and spaces after a linking word."""
    while end < len(text) and text[end] in ",.!~ ":
        end += 1
    return end


def without(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with the spans cut out."""
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + text[end:]
    return text
