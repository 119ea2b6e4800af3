"""Errors the core raises; adapters turn them into user-facing text."""


class PolicybotError(Exception):
    """Base class for policybot errors."""


class DocumentError(PolicybotError):
    """A document could not be read or decoded."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source


class StoreError(PolicybotError):
    """The Chroma store failed; the message says where and what to do."""


class EmbedderMismatchError(StoreError):
    """The collection was built with a different embedder."""


class StoreUnavailableError(StoreError):
    """The Chroma store could not be reached."""


class StoreEmptyError(StoreError):
    """The store holds no documents: never ingested, or wiped since."""


class StoreChangedError(StoreError):
    """The collection was replaced under a running search; search again on a fresh index."""


class StoreBusyError(StoreError):
    """The Chroma server failed inside a read, as another client's write can make it; read again."""


class StoreReadOnlyError(StoreError):
    """A write (ingest) was asked of a store that can only be read."""


class StoreCorruptError(StoreError):
    """The on-disk store is damaged and must be rebuilt."""


class LLMError(PolicybotError):
    """The language model failed or returned something unusable."""


class LLMUnavailableError(LLMError):
    """The language model is skipped for a cool-down after repeated failures."""
