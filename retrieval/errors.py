"""Errors the core raises; adapters turn them into user-facing text."""


class PolicybotError(Exception):
    """Base class for policybot errors."""


class DocumentError(PolicybotError):
    """A document could not be read or decoded."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source


class EmbedderMismatchError(PolicybotError):
    """The collection was built with a different embedder."""


class StoreUnavailableError(PolicybotError):
    """The Chroma store could not be reached."""


class LLMError(PolicybotError):
    """The language model failed or returned something unusable."""
