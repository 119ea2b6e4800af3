"""The interactive terminal chat, with line editing."""

from __future__ import annotations

import contextlib

from rich.console import Console

from bot.terminal.render import show
from bot.terminal.session import ChatSession


def run_repl(session: ChatSession, console: Console) -> None:
    """Read questions until /quit or end of input; each is read against the ones before."""
    # Importing readline gives input() line editing and an in-memory history; the questions
    # are never written to disk (nothing of a conversation is).
    with contextlib.suppress(ImportError):
        import readline  # noqa: F401
    console.print("policybot — ask about the documents (한국어 / English). /quit to leave.")
    while True:
        try:
            line = input("? ")
        except (EOFError, KeyboardInterrupt):
            console.print()
            break
        if line.strip() in ("/quit", "/exit", "/q"):
            break
        if not line.strip():
            continue
        show(console, session.ask(line))
