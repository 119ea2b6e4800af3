"""The interactive terminal chat, with line editing and history."""

from __future__ import annotations

import contextlib
from pathlib import Path

from rich.console import Console

from bot.terminal.render import show
from retrieval.service import Asker


def run_repl(asker: Asker, console: Console, history: Path) -> None:
    """Read questions until /quit or end of input."""
    with contextlib.suppress(ImportError):
        import readline  # importing it gives input() line editing and history

        history.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            readline.read_history_file(history)
    console.print("policybot — ask about the documents (한국어 / English). /quit to leave.")
    try:
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
            show(console, asker.ask(line))
    finally:
        with contextlib.suppress(ImportError, OSError):
            import readline

            readline.write_history_file(history)
