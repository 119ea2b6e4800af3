"""From a question and its search results to an `Answer`: sentence choice, abstention, messages."""

from retrieval.answer.abstain import AbstainPolicy, Evidence, NullModel, looks_like_injection
from retrieval.answer.contract import Answer, AskContext, Mode, Quote
from retrieval.answer.extractive import (
    ScoredSentence,
    SentencePicker,
    choose,
    compose,
    prefer_answer_type,
)
from retrieval.answer.instructions import reads_as_instruction
from retrieval.answer.messages import say
from retrieval.answer.question import MAX_QUESTION_CHARS, Question, clean_question, detect_lang

__all__ = [
    "MAX_QUESTION_CHARS",
    "AbstainPolicy",
    "Answer",
    "AskContext",
    "Evidence",
    "Mode",
    "NullModel",
    "Question",
    "Quote",
    "ScoredSentence",
    "SentencePicker",
    "choose",
    "clean_question",
    "compose",
    "detect_lang",
    "looks_like_injection",
    "prefer_answer_type",
    "reads_as_instruction",
    "say",
]
