"""The real `policybot` CLI pointed at the test's Chroma store (on disk or a `chroma run` server)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from chromadb.api import ClientAPI
from click.testing import Result
from typer.testing import CliRunner

from bot import cli as cli_module

EXE = Path(sys.executable).parent / "policybot"
_UNSET = ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "DISCORD_BOT_TOKEN", "POLICYBOT_LLM",
          "CHROMA_HOST", "CHROMA_PORT", "POLICYBOT_MAX_FILE_MB")


class PolicybotCli:
    """Runs `policybot` commands against one store and reads back what that store holds."""

    def __init__(self, request: pytest.FixtureRequest, client: ClientAPI, tmp_path: Path,
                 collection: str, monkeypatch: pytest.MonkeyPatch) -> None:
        self.client = client
        self.collection = collection
        self.docs = tmp_path / "docs"
        self.docs.mkdir()
        self.data = tmp_path  # the on-disk client of `chroma_client` lives in tmp_path/chroma
        self.env = {"POLICYBOT_DATA": str(self.data), "POLICYBOT_DOCS": str(self.docs),
                    "POLICYBOT_COLLECTION": collection}
        if request.node.callspec.params.get("chroma_client") == "server":
            host, port = request.getfixturevalue("chroma_server")
            self.env |= {"CHROMA_HOST": host, "CHROMA_PORT": str(port)}
        for var in _UNSET:
            monkeypatch.delenv(var, raising=False)
        for key, value in self.env.items():
            monkeypatch.setenv(key, value)
        self._monkeypatch = monkeypatch

    def setenv(self, key: str, value: str) -> None:
        """Set a variable for both in-process and subprocess runs."""
        self.env[key] = value
        self._monkeypatch.setenv(key, value)

    def run(self, *args: str, input: str | None = None) -> Result:
        """One CLI invocation in this process, from fresh state as a new process would be."""
        cli_module._State.settings = None
        cli_module._State.pipeline = None
        try:
            return CliRunner().invoke(cli_module.app, list(args), input=input)
        finally:
            cli_module._State.settings = None
            cli_module._State.pipeline = None

    def popen(self, *args: str) -> subprocess.Popen[str]:
        """The installed `policybot` executable as a separate process, stderr piped."""
        env = {k: v for k, v in os.environ.items() if k not in _UNSET} | self.env
        return subprocess.Popen([str(EXE), *args], env=env, text=True, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)

    def rows(self, name: str | None = None) -> list[tuple[str, str, dict[str, object]]]:
        """(source, text, metadata) of every record in the chunk (or another) collection."""
        col = self.client.get_collection(name or self.collection)
        got = col.get(include=["documents", "metadatas"])
        return [(str((m or {}).get("source")), d or "", dict(m or {}))
                for d, m in zip(got["documents"] or [], got["metadatas"] or [], strict=True)]

    def sources(self) -> set[str]:
        """The documents the store holds chunks of."""
        return {s for s, _, _ in self.rows()}

    def stored_text(self) -> str:
        """Every chunk and sentence text in the store, joined."""
        rows = self.rows() + self.rows(f"{self.collection}_sentences")
        return "\n".join(text + "\n" + str(meta) for _, text, meta in rows)

    def ask(self, question: str) -> dict[str, object]:
        """`policybot ask --json` parsed."""
        result = self.run("ask", "--json", question)
        assert result.exit_code == 0, result.output
        data: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
        return data
