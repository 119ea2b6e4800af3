"""The Slack adapter: a Bolt app for /ask, @mentions, DMs and the answer buttons."""

from bot.slack.app import EVENTS_PATH, build_slack_app, run_slack, serve_slack

__all__ = [
    "EVENTS_PATH",
    "build_slack_app",
    "run_slack",
    "serve_slack",
]
