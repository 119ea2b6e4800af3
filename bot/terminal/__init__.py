"""The terminal surface: answers printed with rich, and the interactive chat."""

from bot.terminal.render import plain, show, show_hits
from bot.terminal.repl import run_repl
from bot.terminal.session import ChatSession

__all__ = [
    "ChatSession",
    "plain",
    "run_repl",
    "show",
    "show_hits",
]
