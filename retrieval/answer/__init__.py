"""From a question and its search results to an `Answer`: sentence choice, abstention, messages."""

from retrieval.answer.abstain import (
    NULL_PASSAGES,
    AbstainPolicy,
    Evidence,
    NullModel,
    abstain_signals,
    looks_like_injection,
)
from retrieval.answer.agents import agent_line
from retrieval.answer.attendance import only_present
from retrieval.answer.collection import asks_about_collection, list_documents
from retrieval.answer.compose import compose
from retrieval.answer.contract import Answer, AskContext, Mode, Quote
from retrieval.answer.conversation import MAX_TURNS, Conversation, Reading, Turn
from retrieval.answer.countries import (
    COUNTRY_NAMES,
    about_another_country,
    about_another_town,
    asked_countries,
    asked_towns,
    countries,
    only_countries,
)
from retrieval.answer.extractive import (
    QUOTE_COVER,
    REORDER_GAP,
    TOP_CHUNKS,
    ScoredSentence,
    SentencePicker,
    answer_order,
    choose,
    labelled_for,
    numbered_item,
    prefer_answer_type,
    prefer_holder,
    prefer_labelled,
    prefer_likeness,
    prefer_named,
    prefer_organisation,
    prefer_typed,
    to_front,
)
from retrieval.answer.features import FEATURES, SELECTOR_FEATURES
from retrieval.answer.focus import ENGLISH_FOCUSED_KINDS, FOCUSED_KINDS, focus_words
from retrieval.answer.followup import FollowUpReader
from retrieval.answer.heads import head_of, unnamed_heads
from retrieval.answer.instructions import reads_as_instruction
from retrieval.answer.likeness import asks_likeness, likened_words, likens, with_likeness_passage
from retrieval.answer.lists import asked_list, list_lines
from retrieval.answer.messages import say
from retrieval.answer.passages import with_passage, with_section_passage
from retrieval.answer.products import asks_product_name, names_product
from retrieval.answer.question import MAX_QUESTION_CHARS, Question, clean_question, detect_lang
from retrieval.answer.roles import with_role_passage
from retrieval.answer.selector import ABSTAIN_FEATURES, Selector
from retrieval.answer.sessions import unnumbered_day, unnumbered_session
from retrieval.answer.spans import (
    SURE_KINDS,
    AnswerType,
    answer_type,
    asked_measure,
    asked_spans,
    asked_sum_kind,
    asked_titles,
    asks_others,
    asks_phone,
    asks_town,
    asks_venue,
    figure_given,
    has_phone,
    has_span,
    names_venue,
    people_named,
    short_year,
)

__all__ = [
    "ABSTAIN_FEATURES",
    "COUNTRY_NAMES",
    "ENGLISH_FOCUSED_KINDS",
    "FEATURES",
    "FOCUSED_KINDS",
    "MAX_QUESTION_CHARS",
    "MAX_TURNS",
    "NULL_PASSAGES",
    "QUOTE_COVER",
    "REORDER_GAP",
    "SELECTOR_FEATURES",
    "SURE_KINDS",
    "TOP_CHUNKS",
    "AbstainPolicy",
    "Answer",
    "AnswerType",
    "AskContext",
    "Conversation",
    "Evidence",
    "FollowUpReader",
    "Mode",
    "NullModel",
    "Question",
    "Quote",
    "Reading",
    "ScoredSentence",
    "Selector",
    "SentencePicker",
    "Turn",
    "about_another_country",
    "about_another_town",
    "abstain_signals",
    "agent_line",
    "answer_order",
    "answer_type",
    "asked_countries",
    "asked_list",
    "asked_measure",
    "asked_spans",
    "asked_sum_kind",
    "asked_titles",
    "asked_towns",
    "asks_about_collection",
    "asks_likeness",
    "asks_others",
    "asks_phone",
    "asks_product_name",
    "asks_town",
    "asks_venue",
    "choose",
    "clean_question",
    "compose",
    "countries",
    "detect_lang",
    "figure_given",
    "focus_words",
    "has_phone",
    "has_span",
    "head_of",
    "labelled_for",
    "likened_words",
    "likens",
    "list_documents",
    "list_lines",
    "looks_like_injection",
    "names_product",
    "names_venue",
    "numbered_item",
    "only_countries",
    "only_present",
    "people_named",
    "prefer_answer_type",
    "prefer_holder",
    "prefer_labelled",
    "prefer_likeness",
    "prefer_named",
    "prefer_organisation",
    "prefer_typed",
    "reads_as_instruction",
    "say",
    "short_year",
    "to_front",
    "unnamed_heads",
    "unnumbered_day",
    "unnumbered_session",
    "with_likeness_passage",
    "with_passage",
    "with_role_passage",
    "with_section_passage",
]
