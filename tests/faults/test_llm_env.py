"""`.env` values for the LLM's key and base URL reach LangChain's client, and stay out of logs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fakes.openai_server import OpenAIFake, echo_first_passage
from tests.faults.test_cli_errors import ASK, YOUTH, answers, cli_env, policybot, write_docs

pytestmark = pytest.mark.model

KEY = "sk-from-dotenv-0123456789abcdef"


def test_openai_key_and_base_url_from_dotenv_are_used(tmp_path: Path) -> None:
    docs = write_docs(tmp_path / "docs", {"youth.txt": YOUTH})
    with OpenAIFake(default=echo_first_passage) as fake:
        # Only `.env` names the model, its key and its URL; the environment has none of them.
        (tmp_path / ".env").write_text(
            f"POLICYBOT_LLM=openai:gpt-4o-mini\nOPENAI_API_KEY={KEY}\n"
            f"OPENAI_BASE_URL={fake.base_url}\n", encoding="utf-8")
        done = policybot(["-v", "ask", "--json", ASK], cli_env(docs, tmp_path / "data"), tmp_path)
        [answer] = answers(done)
        assert fake.requests, "the model was never called"
    assert answer["mode"] == "llm"
    assert KEY not in done.stdout and KEY not in done.stderr
