"""Typed settings, read once from the environment and `.env`."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


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
    llm_timeout: float = Field(default=20.0, alias="POLICYBOT_LLM_TIMEOUT")
    log_level: str = Field(default="WARNING", alias="POLICYBOT_LOG_LEVEL")

    rate_limit_per_minute: int = Field(default=10, alias="POLICYBOT_RATE_LIMIT")
    answer_workers: int = Field(default=4, alias="POLICYBOT_WORKERS")

    slack_bot_token: SecretStr | None = Field(default=None, alias="SLACK_BOT_TOKEN")
    slack_app_token: SecretStr | None = Field(default=None, alias="SLACK_APP_TOKEN")
    slack_signing_secret: SecretStr | None = Field(default=None, alias="SLACK_SIGNING_SECRET")
    slack_api_url: str | None = Field(default=None, alias="SLACK_API_URL")
    slack_command: str = Field(default="/ask", alias="SLACK_COMMAND")
    slack_public_replies: bool = Field(default=False, alias="SLACK_PUBLIC_REPLIES")

    discord_bot_token: SecretStr | None = Field(default=None, alias="DISCORD_BOT_TOKEN")
    discord_api_url: str | None = Field(default=None, alias="DISCORD_API_URL")

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


def load_settings() -> Settings:
    """Build the settings object once, at start-up."""
    return Settings()
