"""The `policybot` entry point: Kiwi starts loading before the command's own imports.

Kiwi's model takes about 1.3 s to load and the `bot.cli` imports about as long; started
first, in a thread of its own, the two overlap and a cold `ask` answers ~0.5 s sooner.
"""

from __future__ import annotations

import sys
import threading
from concurrent.futures import Future
from typing import Any

ANSWERING = {"ask", "search", "chat", "run", "slack", "discord", "ingest", "eval"}
"""The commands that load Kiwi; `--help`, `sources` and `feedback` never wait for it."""
KIWI_OPTIONS = {"load_typo_dict": False, "load_multi_dict": False}
"""As `retrieval.index.korean.lean_kiwi` builds Kiwi (a test keeps the two the same)."""


def command_of(argv: list[str]) -> str | None:
    """The subcommand named in `argv`, past any options before it."""
    return next((arg for arg in argv if not arg.startswith("-")), None)


def start_kiwi() -> Future[Any]:
    """Kiwi, built and through its first analysis in a daemon thread (exit never waits)."""
    future: Future[Any] = Future()

    def load() -> None:
        try:
            from kiwipiepy import Kiwi

            kiwi = Kiwi(**KIWI_OPTIONS)
            kiwi.tokenize("워밍업")  # Kiwi sets its model up lazily, on the first analysis
            future.set_result(kiwi)
        except BaseException as exc:  # handed to whoever waits for it
            future.set_exception(exc)

    threading.Thread(target=load, name="kiwi", daemon=True).start()
    return future


def main() -> None:
    """Start Kiwi when the command will need it, then run the command."""
    kiwi = start_kiwi() if command_of(sys.argv[1:]) in ANSWERING else None
    from bot import cli

    cli.main(kiwi)
