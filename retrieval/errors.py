"""Errors the core raises; adapters turn them into user-facing text."""


class PolicybotError(Exception):
    """Base class for policybot errors."""


class DocumentError(PolicybotError):
    """A document could not be read or decoded."""


class EmbedderMismatchError(PolicybotError):
    """The collection was built with a different embedder."""


class StoreUnavailableError(PolicybotError):
    """The Chroma store could not be reached."""


class LLMError(PolicybotError):
    """The language model failed or returned something unusable."""
