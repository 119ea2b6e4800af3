"""An `Answer` for the terminal: rich panels on a TTY, plain text when piped."""

from __future__ import annotations

from rich.console import Console, Group
from rich.markdown import Markdown
from rich.panel import Panel
from rich.text import Text

from retrieval.answer import Answer, Quote
from retrieval.search import Hit


def _cite(q: Quote) -> str:
    """Title, date and page, as a reader would cite them."""
    return f"{q.title}" + (f" ({q.published})" if q.published else "") + (
        f", p. {q.page}" if q.page is not None else "") + (f" <{q.url}>" if q.url else "")


def _bold_spans(text: str) -> Text:
    """The answer with its `**lead**` span in bold, as rich text."""
    out = Text()
    for i, part in enumerate(text.split("**")):
        out.append(part, style="bold yellow" if i % 2 else None)
    return out


def plain(answer: Answer) -> str:
    """The answer as plain text with block-quoted quotes."""
    lines = []
    if answer.reading:
        lines.append(f"({answer.reading})")
    if answer.notice:
        lines.append(f"[{answer.notice}]")
    lines.append(answer.answer.replace("**", ""))
    for q in answer.quotes:
        lines.append("")
        lines.append(f"> {q.text}")
        lines.append(f"  — {_cite(q)} [{q.source}]")
    lines.append(f"({answer.mode}, {answer.latency_ms:.0f} ms)")
    return "\n".join(lines)


def show(console: Console, answer: Answer) -> None:
    """Print an answer, styled when the console is a terminal."""
    if not console.is_terminal:
        console.print(plain(answer), markup=False, highlight=False, soft_wrap=True)
        return
    parts: list[Text | Markdown] = []
    if answer.reading:
        parts.append(Text(f"({answer.reading})", style="dim"))
    if answer.notice:
        parts.append(Text(answer.notice, style="yellow"))
    parts.append(_bold_spans(answer.answer) if not answer.abstained
                 else Text(answer.answer, style="italic"))
    for q in answer.quotes:
        parts.append(Text(f"\n│ {q.text}", style="cyan"))
        parts.append(Text(f"  — {_cite(q)}", style="dim"))
    border = "yellow" if answer.abstained else "green"
    sub = f"{answer.mode} · {answer.latency_ms:.0f} ms"
    console.print(Panel(Group(*parts), border_style=border, subtitle=sub))


def show_hits(console: Console, query: str, hits: list[Hit]) -> None:
    """Print ranked passages with source, title and scores."""
    console.print(f"Q: {query}", markup=False, highlight=False)
    for i, h in enumerate(hits, 1):
        c = h.chunk
        head = (f"{i}. [{h.score:.3f} dense {h.dense:.3f} bm25 {h.lexical:.2f}] "
                f"{c.title} ({c.published or '?'}) — {c.source}")
        console.print(head, style="bold" if console.is_terminal else None, markup=False,
                      highlight=False)
        console.print(f"   {c.text}", markup=False, highlight=False, soft_wrap=True)
