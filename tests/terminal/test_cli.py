"""The `policybot` CLI through typer's test runner, on the real pipeline."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot import cli

pytestmark = pytest.mark.model


@pytest.fixture
def runner(e5_data: Path, seeds: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    monkeypatch.setenv("POLICYBOT_DATA", str(e5_data))
    monkeypatch.setenv("POLICYBOT_DOCS", str(seeds))
    for var in ("SLACK_BOT_TOKEN", "DISCORD_BOT_TOKEN", "POLICYBOT_LLM", "CHROMA_HOST"):
        monkeypatch.delenv(var, raising=False)
    # Each invocation is a fresh process in real life: start from clean state.
    cli._State.settings = None
    cli._State.pipeline = None
    yield CliRunner()
    cli._State.settings = None
    cli._State.pipeline = None


def test_ask_json(runner: CliRunner) -> None:
    result = runner.invoke(cli.app, ["ask", "--json", "SK는 울산에 얼마를 투자하나요?"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout.strip().splitlines()[-1])
    assert data["abstained"] is False and data["mode"] == "extractive"
    assert any("7조" in q["text"] for q in data["quotes"]) or "7조" in data["answer"]


def test_ask_json_reads_stdin_lines(runner: CliRunner) -> None:
    result = runner.invoke(cli.app, ["ask", "--json", "-"],
                           input="루닛은 몇 곳의 병원에서 쓰이나요?\nWhat is the capital of France?\n")
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.stdout.strip().splitlines()]
    assert len(lines) == 2
    assert lines[0]["abstained"] is False and lines[1]["abstained"] is True


def test_search_json_stdin(runner: CliRunner) -> None:
    result = runner.invoke(cli.app, ["search", "--json", "--k", "3", "-"],
                           input="오픈AI의 H100 GPU는 몇 장인가요?\n")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout.strip())
    assert len(data["results"]) == 3
    assert data["results"][0]["source"] == "003_b56d9d9b8feb12fe.txt"
    assert set(data["results"][0]) >= {"text", "source", "title", "published", "url", "score"}


def test_ask_plain_text_when_piped(runner: CliRunner) -> None:
    result = runner.invoke(cli.app, ["ask", "SK는 울산에 얼마를 투자하나요?"])
    assert result.exit_code == 0
    assert "> " in result.stdout and "7조원" in result.stdout


def test_chat_answers_piped_questions(runner: CliRunner) -> None:
    result = runner.invoke(cli.app, ["chat"], input="SK는 울산에 얼마를 투자하나요?\n\n")
    assert result.exit_code == 0
    assert "7조" in result.stdout


def test_chat_keeps_the_conversation_and_json_writes_one_answer_per_line(
        runner: CliRunner) -> None:
    piped = "SK는 울산에 얼마를 투자하나요?\n그럼 카카오는?\n"
    result = runner.invoke(cli.app, ["chat", "--json"], input=piped)
    assert result.exit_code == 0, result.output
    first, second = [json.loads(x) for x in result.stdout.strip().splitlines()]
    assert first["reading"] is None and first["read_as"] is None
    assert second["question"] == "그럼 카카오는?"
    assert second["reading"] == "SK → 카카오: 울산 투자"
    assert second["read_as"] == "카카오는 울산에 얼마를 투자하나요?"
    # Plain chat shows how it read the follow-up.
    result = runner.invoke(cli.app, ["chat"], input=piped)
    assert "(SK → 카카오: 울산 투자)" in result.stdout


def test_ingest_again_embeds_nothing(runner: CliRunner, seeds: Path) -> None:
    result = runner.invoke(cli.app, ["ingest", str(seeds)])
    assert result.exit_code == 0, result.output
    assert "0 passages embedded" in result.stdout and "0 removed" in result.stdout


def test_eval_reports_metrics(runner: CliRunner, tmp_path: Path) -> None:
    qs = tmp_path / "q.jsonl"
    qs.write_text(
        json.dumps({"id": "a", "question": "SK는 울산에 얼마를 투자하나요?", "lang": "ko",
                    "kind": "fact", "answerable": True,
                    "sources": ["000_2979ad4f5c775dad.txt"], "must_include": [["7조"]]},
                   ensure_ascii=False) + "\n"
        + json.dumps({"id": "b", "question": "What is the capital of France?", "lang": "en",
                      "kind": "unanswerable", "answerable": False, "sources": [],
                      "must_include": []}) + "\n", encoding="utf-8")
    result = runner.invoke(cli.app, ["eval", "--json", str(qs)])
    assert result.exit_code == 0, result.output
    overall = json.loads(result.stdout)["overall"]
    assert overall["hit@1"] == 1.0 and overall["abstention_accuracy"] == 1.0
    assert overall["faithfulness"] == 1.0
    assert {"search_p50_ms", "ask_p95_ms", "evidence@5", "answer_accuracy"} <= set(overall)
    # "**7조원**: SK 최태원 회장이 …": the one answer leads with its sum.
    assert overall["leads"] == 1 and overall["lead_accuracy"] == 1.0


def test_missing_path_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli.app, ["ingest", str(tmp_path / "nope")])
    assert result.exit_code == 2
