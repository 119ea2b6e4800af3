"""Rewrite a follow-up into a standalone question with the chat model, and check what it wrote."""

from __future__ import annotations

import html

from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage

from retrieval.answer import Conversation, clean_question, looks_like_injection
from retrieval.errors import LLMError
from retrieval.llm.prompts import PromptLibrary

MAX_REWRITE_CHARS = 300
"""A standalone question is a sentence; a longer reply is the model answering or rambling."""


def rewrite_messages(prompts: PromptLibrary, question: str,
                     conversation: Conversation) -> list[BaseMessage]:
    """The system prompt, then the earlier exchanges and the follow-up as delimited data."""
    history = "\n".join(
        f"<question>{html.escape(t.question)}</question>\n<answer>{html.escape(t.answer[:300])}"
        "</answer>" for t in conversation.turns
    )
    user = prompts.render("rewrite_user", history=history, question=html.escape(question))
    return [SystemMessage(content=prompts.load("rewrite_system")), HumanMessage(content=user)]


def standalone_from(reply: object) -> str:
    """The one-line question in a model reply; LLMError when it is not one."""
    content = getattr(reply, "content", reply)
    if not isinstance(content, str):
        raise LLMError("the rewrite reply has no text")
    lines = [line.strip().strip('"“”') for line in content.strip().splitlines() if line.strip()]
    if len(lines) != 1:
        raise LLMError("the rewrite reply is not one line")
    question = clean_question(lines[0])
    if question.empty or len(question.text) > MAX_REWRITE_CHARS:
        raise LLMError("the rewrite reply is empty or too long for a question")
    if looks_like_injection(question.text):
        raise LLMError("the rewrite reply reads as an instruction")
    return question.text
