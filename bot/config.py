"""Typed settings, read once from the environment and `.env`."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from retrieval.errors import PolicybotError


class SettingsError(PolicybotError):
    """A setting in the environment or `.env` has a value that can't be used."""


class Settings(BaseSettings):
    """Everything policybot reads from its environment."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    docs: Path = Field(default=Path("seeds"), alias="POLICYBOT_DOCS")
    data: Path = Field(default=Path(".policybot"), alias="POLICYBOT_DATA")
    chroma_host: str | None = Field(default=None, alias="CHROMA_HOST")
    chroma_port: int = Field(default=8000, alias="CHROMA_PORT")
    collection: str = Field(default="policybot", alias="POLICYBOT_COLLECTION")
    max_file_mb: float = Field(default=50.0, gt=0, alias="POLICYBOT_MAX_FILE_MB")
    llm: str | None = Field(default=None, alias="POLICYBOT_LLM")
    llm_timeout: float = Field(default=20.0, gt=0, alias="POLICYBOT_LLM_TIMEOUT")
    llm_failures: int = Field(default=3, ge=1, alias="POLICYBOT_LLM_FAILURES")
    llm_cooldown: float = Field(default=60.0, ge=0, alias="POLICYBOT_LLM_COOLDOWN")
    store_check_seconds: float = Field(default=2.0, ge=0, alias="POLICYBOT_STORE_CHECK")
    watch: Literal["auto", "poll", "off"] = Field(default="auto", alias="POLICYBOT_WATCH")
    watch_seconds: float = Field(default=2.0, gt=0, alias="POLICYBOT_WATCH_SECONDS")
    # Read here so `.env` works for them too; handed to the LangChain client explicitly.
    openai_api_key: SecretStr | None = Field(default=None, alias="OPENAI_API_KEY")
    openai_base_url: str | None = Field(default=None, alias="OPENAI_BASE_URL")
    anthropic_api_key: SecretStr | None = Field(default=None, alias="ANTHROPIC_API_KEY")
    anthropic_base_url: str | None = Field(default=None, alias="ANTHROPIC_BASE_URL")
    ollama_host: str | None = Field(default=None, alias="OLLAMA_HOST")
    log_level: str = Field(default="WARNING", alias="POLICYBOT_LOG_LEVEL")

    rate_limit_per_minute: int = Field(default=10, alias="POLICYBOT_RATE_LIMIT")
    answer_workers: int = Field(default=4, alias="POLICYBOT_WORKERS")
    answer_queue: int = Field(default=50, ge=1, alias="POLICYBOT_QUEUE")

    slack_bot_token: SecretStr | None = Field(default=None, alias="SLACK_BOT_TOKEN")
    slack_app_token: SecretStr | None = Field(default=None, alias="SLACK_APP_TOKEN")
    slack_signing_secret: SecretStr | None = Field(default=None, alias="SLACK_SIGNING_SECRET")
    slack_api_url: str | None = Field(default=None, alias="SLACK_API_URL")
    slack_command: str = Field(default="/ask", alias="SLACK_COMMAND")
    slack_public_replies: bool = Field(default=False, alias="SLACK_PUBLIC_REPLIES")
    slack_host: str = Field(default="127.0.0.1", alias="SLACK_HOST")
    slack_port: int = Field(default=3000, alias="SLACK_PORT")

    discord_bot_token: SecretStr | None = Field(default=None, alias="DISCORD_BOT_TOKEN")
    discord_api_url: str | None = Field(default=None, alias="DISCORD_API_URL")

    @field_validator("watch", mode="before")
    @classmethod
    def _watch_words(cls, value: object) -> object:
        """Let POLICYBOT_WATCH take yes/no words too (true = auto, false = off)."""
        word = str(value).strip().lower()
        if word in ("1", "true", "yes", "on"):
            return "auto"
        if word in ("0", "false", "no", "none", ""):
            return "off"
        return word

    @property
    def max_file_bytes(self) -> int:
        """The largest document file ingest reads, in bytes."""
        return int(self.max_file_mb * 1_000_000)

    @property
    def slack_enabled(self) -> bool:
        """True when a Slack bot token is configured."""
        return self.slack_bot_token is not None

    @property
    def discord_enabled(self) -> bool:
        """True when a Discord bot token is configured."""
        return self.discord_bot_token is not None

    def llm_credentials(self) -> tuple[str | None, str | None]:
        """(API key, base URL) for the provider POLICYBOT_LLM names; None where unset."""
        provider = (self.llm or "").partition(":")[0].strip().lower()
        key, url = {
            "openai": (self.openai_api_key, self.openai_base_url),
            "anthropic": (self.anthropic_api_key, self.anthropic_base_url),
            "ollama": (None, self.ollama_host),
        }.get(provider, (None, None))
        return (key.get_secret_value() if key else None), (url or None)


def load_settings() -> Settings:
    """Build the settings object once, at start-up; a bad value is one clear line."""
    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}={e.get('input')!r}: {e['msg']}"
            if "input" in e and not _secret(e["loc"]) else
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
            for e in exc.errors())
        raise SettingsError(f"bad setting in the environment or .env: {problems}") from None


def _secret(loc: tuple[int | str, ...]) -> bool:
    """True for a setting whose value must never be echoed (tokens, keys, secrets)."""
    return any(w in str(p).upper() for p in loc for w in ("TOKEN", "KEY", "SECRET"))
