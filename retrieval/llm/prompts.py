"""Prompt templates for the LLM answer mode, read by name from the `prompts` package."""

from __future__ import annotations

import re
from importlib import resources
from string import Template

_NAME = re.compile(r"^[a-z0-9_]+$")
_PLACEHOLDER = re.compile(r"\$(?:\w+|\{\w+\})")


class PromptLibrary:
    """Loads `prompts/<name>.txt` once and fills `$placeholders` in it."""

    def __init__(self, package: str = "prompts") -> None:
        self.package = package
        self._cache: dict[str, str] = {}

    def load(self, name: str) -> str:
        """Return the text of the prompt called `name` (without `.txt`)."""
        if not _NAME.match(name):
            raise ValueError(f"invalid prompt name {name!r}: use lowercase letters, digits and _")
        if name not in self._cache:
            path = resources.files(self.package).joinpath(f"{name}.txt")
            if not path.is_file():
                raise FileNotFoundError(f"no prompt named {name!r} in the {self.package} package")
            self._cache[name] = path.read_text(encoding="utf-8")
        return self._cache[name]

    def render(self, name: str, **values: str) -> str:
        """Fill the prompt's `$placeholders`; values are inserted as-is, never re-parsed."""
        # string.Template leaves braces alone, so JSON examples in a prompt need no escaping,
        # and a `$` or `{}` inside a document or question is never treated as a placeholder.
        return Template(self.load(name)).substitute(values)

    def static_text(self, name: str) -> list[str]:
        """The prompt's fixed wording: its text split at the placeholders."""
        return [part for part in _PLACEHOLDER.split(self.load(name)) if part.strip()]
