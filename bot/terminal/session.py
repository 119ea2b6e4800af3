"""One terminal conversation: each question is read against the ones before it."""

from __future__ import annotations

from bot.conversations import ConversationStore
from retrieval.answer import Answer, AskContext
from retrieval.service import Asker

PLATFORM = "cli"


class ChatSession:
    """Asks through an `Asker`, keeping the last exchanges of this one conversation."""

    def __init__(self, asker: Asker, store: ConversationStore | None = None) -> None:
        self.asker = asker
        self.store = store or ConversationStore()
        self._key = ConversationStore.key(PLATFORM, "", "", "")
        self._context = AskContext(platform=PLATFORM)

    def ask(self, question: str) -> Answer:
        """Answer one question in the conversation and remember the exchange."""
        answer = self.asker.ask(question, self._context, self.store.get(self._key))
        self.store.record(self._key, answer)
        return answer
