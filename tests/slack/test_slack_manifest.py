"""The app manifest asks for exactly what the adapter uses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from bot.slack.render import ACTION_UP
from tests.fakes.slack_api import BOT_USER_ID, find_buttons
from tests.paths import ROOT
from tests.slack.wire import running_app

yaml = pytest.importorskip("yaml")

MANIFEST = ROOT / "slack_manifest.yaml"
# The bot scope each Web API method and event needs (auth.test needs none).
METHOD_SCOPES = {"chat.postMessage": "chat:write", "reactions.add": "reactions:write",
                 "reactions.remove": "reactions:write", "conversations.replies": "channels:history"}
EVENT_SCOPES = {"app_mention": "app_mentions:read", "message.im": "im:history",
                "message.channels": "channels:history", "message.groups": "groups:history"}


def manifest() -> dict[str, Any]:
    """The parsed manifest."""
    return dict(yaml.safe_load(MANIFEST.read_text(encoding="utf-8")))


async def test_scopes_are_exactly_those_of_the_calls_the_adapter_makes(tmp_path: Path) -> None:
    async with running_app(tmp_path) as wire:
        await wire.command("SK는?", "r1")
        [reply] = await wire.mock.wait_for("response", key="r1")
        await wire.click(ACTION_UP, find_buttons(reply.params["blocks"])[ACTION_UP], "v")
        await wire.mock.wait_for("response", key="v")
        await wire.event({"type": "app_mention", "user": "U1", "text": f"<@{BOT_USER_ID}> SK는?",
                          "ts": "1.1", "channel": "C1"}, "Ev1")
        await wire.event({"type": "message", "channel_type": "im", "user": "U1", "text": "SK는?",
                          "ts": "1.2", "channel": "D1"}, "Ev2")
        await wire.mock.wait_for("reactions.remove", 2)
        # A reply in a thread the bot doesn't know yet: it reads the thread to find out.
        wire.mock.add_message("C1", {"user": "U2", "text": "SK는?", "ts": "1.5"})
        await wire.event({"type": "message", "channel_type": "channel", "user": "U1",
                          "text": "언제요?", "ts": "1.6", "thread_ts": "1.5", "channel": "C1"},
                         "Ev3")
        await wire.mock.wait_for("conversations.replies")
        methods = {c.method for c in wire.mock.calls} - {"auth.test", "response"}

    data = manifest()
    events = set(data["settings"]["event_subscriptions"]["bot_events"])
    needed = {METHOD_SCOPES[m] for m in methods} | {EVENT_SCOPES[e] for e in events} | {"commands"}
    assert set(data["oauth_config"]["scopes"]["bot"]) == needed
    assert events == {"app_mention", "message.channels", "message.groups", "message.im"}


def test_command_and_interactivity_match_the_defaults() -> None:
    data = manifest()
    [command] = data["features"]["slash_commands"]
    default = Settings.model_fields["slack_command"].default
    assert command["command"] == default
    assert data["settings"]["interactivity"]["is_enabled"] is True
    assert data["features"]["app_home"]["messages_tab_enabled"] is True
