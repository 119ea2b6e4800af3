"""From outside: `policybot ask --json` in LLM mode against the local OpenAI fake."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from retrieval.documents import is_verbatim
from tests.fakes.openai_server import OpenAIFake, echo_first_passage
from tests.paths import ROOT

SEEDS = ROOT / "seeds"

pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(importlib.util.find_spec("bot.cli") is None, reason="no CLI yet"),
]


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # One store for the module, so the seeds are ingested once.
    return tmp_path_factory.mktemp("policybot-data")


@pytest.fixture(params=["content", "tool"])
def fake(request: pytest.FixtureRequest) -> Iterator[OpenAIFake]:
    as_tool = request.param == "tool"
    with OpenAIFake(default=lambda body: echo_first_passage(body, as_tool)) as server:
        yield server


def ask(question: str, fake: OpenAIFake, data_dir: Path) -> dict[str, Any]:
    """Run `policybot ask --json` in a fresh process and return its JSON answer."""
    env = {
        **os.environ,
        "POLICYBOT_LLM": "openai:gpt-4o-mini",
        "POLICYBOT_LLM_TIMEOUT": "10",
        "OPENAI_API_KEY": "x",
        "OPENAI_BASE_URL": fake.base_url,
        "POLICYBOT_DOCS": str(SEEDS),
        "POLICYBOT_DATA": str(data_dir),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("OPENAI_API_BASE", None)
    env.pop("CHROMA_HOST", None)
    done = subprocess.run(
        [sys.executable, "-c", "from bot.cli import main; main()", "ask", "--json", question],
        cwd=data_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def test_ask_json_returns_llm_mode_with_verified_quotes(fake: OpenAIFake, data_dir: Path) -> None:
    answer = ask("SK는 울산에 얼마를 투자하나요?", fake, data_dir)
    assert fake.requests, "the model was never called"
    assert answer["mode"] == "llm"
    assert not answer["abstained"]
    assert answer["quotes"]
    for quote in answer["quotes"]:
        document = (SEEDS / quote["source"]).read_text(encoding="utf-8")
        assert is_verbatim(quote["text"], document)
