"""Score search and answers against a question set (the shared eval format)."""

from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from retrieval.answer import Answer
from retrieval.documents import is_verbatim
from retrieval.search import Hit


@dataclass(frozen=True)
class EvalQuestion:
    """One line of a question set."""

    id: str
    question: str
    lang: str
    kind: str
    answerable: bool
    sources: tuple[str, ...]
    must_include: tuple[tuple[str, ...], ...]


def load_questions(path: Path) -> list[EvalQuestion]:
    """Read a JSON-lines question set."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        d = json.loads(line)
        out.append(EvalQuestion(
            id=str(d.get("id", n)), question=d["question"], lang=d.get("lang", "ko"),
            kind=d.get("kind", "fact"), answerable=bool(d.get("answerable", True)),
            sources=tuple(d.get("sources", [])),
            must_include=tuple(tuple(g) for g in d.get("must_include", [])),
        ))
    return out


def covers(text: str, groups: tuple[tuple[str, ...], ...]) -> bool:
    """Every group has at least one spelling inside the text."""
    return all(any(s in text for s in g) for g in groups)


_LEAD = re.compile(r"\*\*(.+?)\*\*")


def lead_right(answer: str, groups: tuple[tuple[str, ...], ...]) -> bool | None:
    """Whether the answer's bold lead ("**7조원**: …") is a spelling of the answer; None unled."""
    m = _LEAD.match(answer)
    if m is None:
        return None
    return any(m.group(1) in s or s in m.group(1) for g in groups for s in g)


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (0 for no values)."""
    if not values:
        return 0.0
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(p / 100 * len(s) + 0.5) - 1))]


@dataclass
class Row:
    """Per-question results."""

    q: EvalQuestion
    hit1: bool = False
    hit5: bool = False
    evidence5: bool = False
    search_ms: float = 0.0
    answer: Answer | None = None
    answer_ok: bool | None = None
    quotes_total: int = 0
    quotes_verbatim: int = 0


@dataclass
class Report:
    """Aggregated metrics, overall and by kind."""

    rows: list[Row] = field(default_factory=list)

    def _retrieval(self, rows: list[Row]) -> dict[str, float]:
        ans = [r for r in rows if r.q.answerable]
        n = len(ans) or 1
        return {
            "n": len(ans),
            "hit@1": sum(r.hit1 for r in ans) / n,
            "hit@5": sum(r.hit5 for r in ans) / n,
            "evidence@5": sum(r.evidence5 for r in ans) / n,
        }

    def _answers(self, rows: list[Row]) -> dict[str, float]:
        ans = [r for r in rows if r.q.answerable and r.answer is not None]
        un = [r for r in rows if not r.q.answerable and r.answer is not None]
        out: dict[str, float] = {}
        if ans:
            out["answer_accuracy"] = sum(bool(r.answer_ok) for r in ans) / len(ans)
            # How often a bold lead is the answer itself: a wrong one misleads more than none.
            led = [ok for r in ans if r.answer is not None and not r.answer.abstained
                   and (ok := lead_right(r.answer.answer, r.q.must_include)) is not None]
            if led:
                out["lead_accuracy"] = sum(led) / len(led)
                out["leads"] = len(led)
        if un:
            out["abstention_accuracy"] = sum(bool(r.answer and r.answer.abstained)
                                             for r in un) / len(un)
        return out

    def to_dict(self) -> dict[str, Any]:
        """Metrics as a dict (the `--json` output)."""
        by_kind: dict[str, list[Row]] = defaultdict(list)
        for r in self.rows:
            by_kind[r.q.kind].append(r)
        overall: dict[str, Any] = {**self._retrieval(self.rows), **self._answers(self.rows)}
        total = sum(r.quotes_total for r in self.rows)
        if any(r.answer is not None for r in self.rows):
            overall["faithfulness"] = (sum(r.quotes_verbatim for r in self.rows) / total
                                       if total else 1.0)
            overall["quotes"] = total
            asks = [r.answer.latency_ms for r in self.rows if r.answer is not None]
            overall["ask_p50_ms"] = percentile(asks, 50)
            overall["ask_p95_ms"] = percentile(asks, 95)
        searches = [r.search_ms for r in self.rows]
        overall["search_p50_ms"] = percentile(searches, 50)
        overall["search_p95_ms"] = percentile(searches, 95)
        kinds = {k: {**self._retrieval(v), **self._answers(v), "questions": len(v)}
                 for k, v in sorted(by_kind.items())}
        failures = [
            {"id": r.q.id, "question": r.q.question, "hit1": r.hit1, "evidence5": r.evidence5,
             "answer_ok": r.answer_ok,
             "answer": r.answer.answer if r.answer is not None else None}
            for r in self.rows
            if (r.q.answerable and (not r.hit1 or not r.evidence5 or r.answer_ok is False))
            or (not r.q.answerable and r.answer is not None and not r.answer.abstained)
        ]
        return {"questions": len(self.rows), "overall": overall, "by_kind": kinds,
                "failures": failures}


def evaluate(
    questions: list[EvalQuestion],
    search: Callable[[str], list[Hit]],
    ask: Callable[[str], Answer] | None = None,
    documents: dict[str, str] | None = None,
) -> Report:
    """Run every question through search (and ask, when given) and score it."""
    report = Report()
    for q in questions:
        row = Row(q)
        t0 = time.perf_counter()
        hits = search(q.question)
        row.search_ms = (time.perf_counter() - t0) * 1000
        if q.answerable:
            row.hit1 = bool(hits) and hits[0].chunk.source in q.sources
            row.hit5 = any(h.chunk.source in q.sources for h in hits[:5])
            row.evidence5 = covers("\n".join(h.chunk.text for h in hits[:5]), q.must_include)
        if ask is not None:
            a = ask(q.question)
            row.answer = a
            row.quotes_total = len(a.quotes)
            docs = documents or {}
            row.quotes_verbatim = sum(is_verbatim(x.text, docs.get(x.source, "")) for x in a.quotes)
            if q.answerable:
                text = a.answer + "\n" + "\n".join(x.text for x in a.quotes)
                row.answer_ok = (not a.abstained and covers(text, q.must_include)
                                 and any(x.source in q.sources for x in a.quotes))
        report.rows.append(row)
    return report


def summary_lines(data: dict[str, Any]) -> list[str]:
    """Human-readable lines for a report dict."""
    o = data["overall"]
    lines = [f"{data['questions']} questions"]
    keys = ["hit@1", "hit@5", "evidence@5", "answer_accuracy", "abstention_accuracy",
            "faithfulness"]
    lines.append("overall  " + "  ".join(f"{k} {o[k]:.2f}" for k in keys if k in o))
    for kind, m in data["by_kind"].items():
        lines.append(f"  {kind:<13}" + "  ".join(
            f"{k} {m[k]:.2f}" for k in keys if k in m and (m.get("n") or "accuracy" in k)))
    if "lead_accuracy" in o:
        lines.append(f"bold lead is the answer {o['lead_accuracy']:.2f} "
                     f"(of {o['leads']} answers that lead with one)")
    lat = f"search p50 {o['search_p50_ms']:.1f} ms  p95 {o['search_p95_ms']:.1f} ms"
    if "ask_p50_ms" in o:
        lat += f"   ask p50 {o['ask_p50_ms']:.1f} ms  p95 {o['ask_p95_ms']:.1f} ms"
    lines.append(lat)
    if "sentence_choice" in data:
        s = data["sentence_choice"]
        lines.append(f"answer sentence holds the gold answer ({s['n']} questions): "
                     f"selector {s['selector']:.2f} (alone {s['selector_alone']:.2f})  "
                     f"old formula {s['formula']:.2f}  "
                     f"BM25 over sentences {s['bm25_sentences']:.2f}")
    return lines
