"""Compare ways of choosing the answer sentence: the fitted selector, the old formula, plain BM25."""

from __future__ import annotations

import bm25s
import numpy as np

from retrieval.answer import (
    SentencePicker,
    clean_question,
    prefer_answer_type,
)
from retrieval.evaluation import EvalQuestion
from retrieval.service import PolicyService


def _holds(text: str, q: EvalQuestion) -> bool:
    return all(any(s in text for s in group) for group in q.must_include)


def sentence_choice(questions: list[EvalQuestion], service: PolicyService) -> dict[str, float]:
    """Share of answerable questions whose first chosen sentence holds the gold answer.

    Each way is judged as the bot uses it: the selector with its name and typed-span
    preferences (and its own order alone), the old formula with its answer-type preference,
    BM25 alone.
    """
    answerable = [q for q in questions if q.answerable and q.must_include]
    searcher = service.searcher
    sentences = list(searcher.sentences.values())
    # Plain BM25 over every sentence of the collection, on the same Kiwi morphemes.
    bm25 = bm25s.BM25()
    bm25.index(searcher.morph.tokens_many(s.text for s in sentences) or [["\u0000"]],
               show_progress=False)
    picker = service.picker
    # A second picker with no selector scores with the old formula; the bot's own is untouched.
    formula_picker = SentencePicker(searcher, searcher.morph)
    wins = {"selector": 0, "selector_alone": 0, "formula": 0, "bm25_sentences": 0}
    for q in answerable:
        result = searcher.search(clean_question(q.question).text, service.k)
        formula = prefer_answer_type(q.question, formula_picker.candidates(result))
        cands, is_fitted = picker.candidates(result), picker.fitted_for(q.question)
        # The bot keeps the formula for questions the selector was not fitted for (English).
        fitted = cands if is_fitted else formula
        learned = service.rank(clean_question(q.question), cands, result)
        scores = np.asarray(bm25.get_scores(searcher.morph.tokens(q.question)))
        best = sentences[int(np.argmax(scores))].text if len(scores) and scores.max() > 0 else ""
        wins["selector"] += bool(learned) and _holds(learned[0].sentence.text, q)
        wins["selector_alone"] += bool(fitted) and _holds(fitted[0].sentence.text, q)
        wins["formula"] += bool(formula) and _holds(formula[0].sentence.text, q)
        wins["bm25_sentences"] += _holds(best, q)
    n = len(answerable) or 1
    return {"n": len(answerable), **{k: v / n for k, v in wins.items()}}
