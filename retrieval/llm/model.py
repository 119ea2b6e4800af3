"""The LangChain chat model: built from 'provider:model', bounded, bound to the answer schema."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Sequence
from typing import Any

from langchain.chat_models import init_chat_model
from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import Runnable, RunnableBinding, RunnableSequence
from pydantic import SecretStr

from retrieval.errors import LLMError
from retrieval.llm.parse import ANSWER_SCHEMA

log = logging.getLogger(__name__)

INSTALL_HINTS = {
    "openai": "pip install policybot",
    "anthropic": "pip install 'policybot[anthropic]'",
    "ollama": "pip install 'policybot[ollama]'",
}
"""The providers POLICYBOT_LLM may name, with what to install for each."""

MAX_TOKENS = 1024
"""A reply is a short answer and three quotes; a model that rambles is cut off, not waited for."""

# Reasoning models reject any temperature but their default.
_DEFAULT_TEMPERATURE_ONLY = ("o1", "o3", "o4", "gpt-5")
_KEY_ENV = ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "OLLAMA_API_KEY")
_KEY_LIKE = re.compile(r"\b(?:sk|key|api)[-_][A-Za-z0-9_\-]{8,}")


def parse_spec(spec: str) -> tuple[str, str]:
    """Split 'provider:model' (e.g. 'ollama:llama3.1:8b') into its provider and model."""
    provider, sep, model = spec.strip().partition(":")
    provider, model = provider.strip().lower(), model.strip()
    if not sep or not provider or not model:
        raise LLMError(
            f"POLICYBOT_LLM must be provider:model, e.g. openai:gpt-4o-mini (got {spec!r})"
        )
    if provider not in INSTALL_HINTS:
        raise LLMError(f"unsupported LLM provider {provider!r}: use openai, anthropic or ollama")
    return provider, model


def _model_kwargs(provider: str, model: str, timeout: float) -> dict[str, Any]:
    if provider == "openai":
        kwargs: dict[str, Any] = {"timeout": timeout, "max_retries": 0, "max_tokens": MAX_TOKENS}
        if not model.startswith(_DEFAULT_TEMPERATURE_ONLY):
            kwargs["temperature"] = 0
        return kwargs
    if provider == "anthropic":
        return {
            "timeout": timeout,
            "max_retries": 0,
            "temperature": 0,
            "max_tokens": MAX_TOKENS,
        }
    # Ollama's client takes httpx arguments; its server is local, so there is nothing to retry.
    return {"temperature": 0, "num_predict": MAX_TOKENS, "client_kwargs": {"timeout": timeout}}


def build_chat_model(spec: str, timeout: float, *, api_key: str | None = None,
                     base_url: str | None = None) -> BaseChatModel:
    """'openai:gpt-4o-mini' -> a LangChain chat model via init_chat_model (bounded, no retries).

    `api_key` and `base_url` come from the typed settings (environment or `.env`); when
    unset, the provider's client reads its usual variables (OPENAI_API_KEY, OLLAMA_HOST…).
    """
    provider, model = parse_spec(spec)
    kwargs = _model_kwargs(provider, model, timeout)
    if api_key and provider != "ollama":
        kwargs["api_key"] = api_key
    if base_url:
        kwargs["base_url"] = base_url
    try:
        return init_chat_model(model, model_provider=provider, **kwargs)
    except ImportError as exc:
        raise LLMError(
            f"POLICYBOT_LLM={provider}:... needs the LangChain {provider} integration: "
            f"{INSTALL_HINTS[provider]}"
        ) from exc
    except Exception as exc:  # e.g. no API key: the client refuses to start
        raise LLMError(f"cannot set up {provider}:{model}: "
                       f"{describe_error(exc, [api_key or ''])}") from exc


def describe_error(exc: BaseException, secrets: Sequence[str] = ()) -> str:
    """One loggable line about an error, with anything that looks like an API key removed."""
    text = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
    for value in [*(os.environ.get(var, "") for var in _KEY_ENV), *secrets]:
        if len(value) >= 4:
            text = text.replace(value, "***")
    return _KEY_LIKE.sub("***", text)


def secrets_of(model: object) -> list[str]:
    """The secret values a LangChain model holds (its API key), to keep them out of logs."""
    fields = getattr(model, "__dict__", {})
    return [v.get_secret_value() for v in fields.values() if isinstance(v, SecretStr)]


def structured(model: BaseChatModel) -> Runnable[Any, Any]:
    """The model bound to the answer schema in the way its provider supports best.

    Only the bound model is kept, not LangChain's parsing chain around it: that chain runs
    the call in a thread pool, and Python joins pool threads at exit, so a hung request
    would hold the process open long after the answer fell back.
    """
    kind = type(model).__name__
    openai_like = kind in ("ChatOpenAI", "AzureChatOpenAI")
    # OpenAI and Ollama constrain decoding to a JSON schema; Anthropic does it with a tool.
    method = "json_schema" if openai_like or kind == "ChatOllama" else "function_calling"
    extra: dict[str, Any] = {"strict": True} if openai_like else {}
    try:
        chain = model.with_structured_output(ANSWER_SCHEMA, method=method, **extra)
    except (NotImplementedError, ValueError, TypeError) as exc:
        # Without structured output the prompt still asks for the JSON shape, and the
        # reply is parsed defensively all the same.
        log.info("%s has no structured output (%s); relying on the prompt", kind, exc)
        return model
    first = chain.first if isinstance(chain, RunnableSequence) else None
    if isinstance(first, RunnableBinding):
        return first
    log.info("%s structured output has an unexpected shape; relying on the prompt", kind)
    return model


def transient(exc: BaseException) -> bool:
    """A failure worth one quick retry: 408/409/429/5xx, or a dropped connection."""
    status = getattr(exc, "status_code", None)
    if isinstance(status, int):
        return status in (408, 409, 429) or status >= 500
    return "connection" in type(exc).__name__.lower()
