"""Read a model's reply defensively into `{"answer", "abstain", "quotes"}`, or fail."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage

from retrieval.documents import is_verbatim, normalize
from retrieval.errors import LLMError

ANSWER_SCHEMA: dict[str, Any] = {
    "title": "policy_answer",
    "description": "A short answer backed by verbatim quotes from the numbered passages.",
    "type": "object",
    "properties": {
        "answer": {
            "type": "string",
            "description": "At most 3 sentences, in the question's language; empty if abstaining.",
        },
        "abstain": {
            "type": "boolean",
            "description": "True when the passages do not answer the question.",
        },
        "quotes": {
            "type": "array",
            "description": "Sentences copied character for character from the passages.",
            "items": {
                "type": "object",
                "properties": {
                    "id": {"type": "integer", "description": "The passage's number."},
                    "text": {"type": "string", "description": "Verbatim text of that passage."},
                },
                "required": ["id", "text"],
                "additionalProperties": False,
            },
        },
    },
    "required": ["answer", "abstain", "quotes"],
    "additionalProperties": False,
}
"""The reply shape as a JSON schema: fit for OpenAI strict mode, Anthropic tools and Ollama."""

_FENCE = re.compile(r"^```[a-zA-Z]*\s*|\s*```$")
_WRAPPING = "\"'“”‘’「」『』 "
_ELLIPSIS = re.compile(r"^(?:\.\.\.|…)\s*|\s*(?:\.\.\.|…)$")


@dataclass(frozen=True)
class RawQuote:
    """A quote as the model gave it: a passage number and some text."""

    id: int
    text: str


@dataclass(frozen=True)
class ModelReply:
    """The model's reply once its shape has been checked."""

    answer: str
    abstain: bool
    quotes: tuple[RawQuote, ...]


def payload_from(result: object) -> object:
    """Pull the JSON payload out of a structured-output result or a bare message."""
    if isinstance(result, Mapping) and "raw" in result:
        # LangChain's own "parsed" value is not used: its JSON parser quietly completes
        # truncated output, and a cut-off answer must fail instead.
        result = result["raw"]
    if isinstance(result, BaseMessage):
        return _payload_from_message(result)
    if isinstance(result, Mapping):
        return result
    raise LLMError(f"malformed model output: unexpected {type(result).__name__}")


def _payload_from_message(message: BaseMessage) -> object:
    # A tool call answers as well as JSON content: providers and proxies differ in which
    # one they return for structured output, so accept both.
    if isinstance(message, AIMessage):
        for call in message.tool_calls:
            if isinstance(call.get("args"), Mapping) and call["args"]:
                return call["args"]
        for bad in message.invalid_tool_calls:
            if bad.get("args"):
                return _loads(str(bad["args"]))
    return _loads(_text_of(message))


def _text_of(message: BaseMessage) -> str:
    # Content is a string for OpenAI and a list of blocks for Anthropic; keep the text blocks.
    content = message.content
    if isinstance(content, str):
        return content
    return "".join(
        block if isinstance(block, str) else str(block.get("text", ""))
        for block in content
        if isinstance(block, str) or block.get("type") == "text"
    )


def _loads(text: str) -> object:
    text = _FENCE.sub("", text.strip())
    try:
        return json.loads(text)
    except (json.JSONDecodeError, RecursionError):  # "[[[[…" nested past Python's stack
        pass
    # Some models wrap the object in prose; take the outermost braces and try once more.
    start, end = text.find("{"), text.rfind("}")
    if 0 <= start < end:
        try:
            return json.loads(text[start : end + 1])
        except (json.JSONDecodeError, RecursionError):
            pass
    raise LLMError("malformed model output: not JSON")


def read_reply(payload: object) -> ModelReply:
    """Check the payload's shape; raise LLMError when it is not a usable answer."""
    if not isinstance(payload, Mapping):
        raise LLMError("malformed model output: not a JSON object")
    answer = payload.get("answer", "")
    if answer is None:
        answer = ""
    if not isinstance(answer, str):
        raise LLMError("malformed model output: 'answer' is not a string")
    abstain = _as_bool(payload.get("abstain", False))
    raw_quotes = payload.get("quotes")
    if raw_quotes is None:
        raw_quotes = []
    if not isinstance(raw_quotes, list):
        raise LLMError("malformed model output: 'quotes' is not a list")
    quotes = tuple(q for q in (_as_quote(item) for item in raw_quotes) if q is not None)
    if not abstain and not answer.strip():
        raise LLMError("malformed model output: empty answer without abstaining")
    return ModelReply(answer=answer, abstain=abstain, quotes=quotes)


def _as_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    if value is None:
        return False
    raise LLMError("malformed model output: 'abstain' is not a boolean")


def _as_quote(item: object) -> RawQuote | None:
    if not isinstance(item, Mapping):
        return None
    raw_id, text = item.get("id"), item.get("text")
    if isinstance(raw_id, bool) or not isinstance(text, str):
        return None
    if isinstance(raw_id, float) and raw_id.is_integer():
        raw_id = int(raw_id)
    if isinstance(raw_id, str) and raw_id.strip().isdigit():
        raw_id = int(raw_id.strip())
    if not isinstance(raw_id, int):
        return None
    return RawQuote(id=raw_id, text=text)


def verbatim_span(quote: str, passage: str) -> str | None:
    """The passage's own text for a quote (markup dropped, whitespace collapsed), or None."""
    candidates = [quote, _ELLIPSIS.sub("", quote.strip().strip(_WRAPPING)).strip(_WRAPPING)]
    for candidate in candidates:
        if is_verbatim(candidate, passage):
            # normalize(candidate) is, character for character, a substring of the
            # normalised passage: the passage's words, without the model's formatting.
            return normalize(candidate)
    return None
