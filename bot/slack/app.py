"""The Slack adapter: a Bolt AsyncApp served over Socket Mode or signed HTTP."""

from __future__ import annotations

import asyncio
import contextlib
import re
import sys
from concurrent.futures import Executor, ThreadPoolExecutor

from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError

from bot.config import Settings
from bot.feedback import FeedbackStore
from bot.ratelimit import RateLimiter
from bot.slack.events import SlackHandlers
from bot.slack.render import ACTION_DOWN, ACTION_SHARE, ACTION_UP
from retrieval.errors import PolicybotError
from retrieval.service import Asker

EVENTS_PATH = "/slack/events"


class SlackConfigError(PolicybotError):
    """The Slack settings cannot run the requested mode."""


def build_slack_app(
    settings: Settings,
    asker: Asker,
    *,
    feedback: FeedbackStore,
    limiter: RateLimiter,
    api_url: str | None = None,
    pool: Executor | None = None,
    socket_mode: bool = False,
) -> AsyncApp:
    """Build the Bolt app for one workspace from its collaborators."""
    if settings.slack_bot_token is None:
        raise SlackConfigError("SLACK_BOT_TOKEN is not set")
    signing = settings.slack_signing_secret
    secret = signing.get_secret_value() if signing else ""
    if not secret and not socket_mode:
        # An empty secret would make any request signed with "" pass verification.
        raise SlackConfigError("SLACK_SIGNING_SECRET is required in HTTP mode")
    app = AsyncApp(
        name="policybot", token=settings.slack_bot_token.get_secret_value(), signing_secret=secret
    )
    base_url = api_url or settings.slack_api_url
    if base_url:
        # Bolt builds its own client (user agent, logger); only its base URL is ours to set.
        app.client.base_url = base_url.rstrip("/") + "/"
    handlers = SlackHandlers(
        settings,
        asker,
        feedback,
        limiter,
        pool or ThreadPoolExecutor(settings.answer_workers, thread_name_prefix="policybot-answer"),
    )
    app.use(handlers.drop_retries)
    app.command(settings.slack_command)(ack=handlers.ack_command, lazy=[handlers.answer_command])
    app.event("app_mention")(ack=handlers.ack, lazy=[handlers.answer_mention])
    # Every message event is matched so Bolt acks the ones we ignore instead of answering 404.
    app.event("message")(ack=handlers.ack, lazy=[handlers.answer_dm])
    app.action(ACTION_SHARE)(ack=handlers.ack, lazy=[handlers.share])
    votes = re.compile(f"^({re.escape(ACTION_UP)}|{re.escape(ACTION_DOWN)})$")
    app.action(votes)(ack=handlers.ack, lazy=[handlers.vote])
    return app


async def check_token(app: AsyncApp) -> None:
    """Fail at start-up, not at the first question, when Slack rejects the bot token."""
    try:
        await app.client.auth_test()
    except SlackApiError as exc:
        error = exc.response.get("error")
        raise SlackConfigError(f"Slack rejected SLACK_BOT_TOKEN: {error}") from None


async def serve_slack(
    settings: Settings,
    asker: Asker,
    *,
    http: bool = False,
    port: int = 3000,
    host: str = "0.0.0.0",
) -> None:
    """Serve Slack until cancelled: Socket Mode with an app token, signed HTTP otherwise."""
    app_token = None if http else settings.slack_app_token
    feedback = FeedbackStore(settings.data / "feedback.sqlite3")
    pool = ThreadPoolExecutor(settings.answer_workers, thread_name_prefix="policybot-answer")
    try:
        app = build_slack_app(
            settings, asker, feedback=feedback, pool=pool, socket_mode=app_token is not None,
            limiter=RateLimiter(settings.rate_limit_per_minute),
        )
        await check_token(app)
        if app_token is not None:
            handler = AsyncSocketModeHandler(app, app_token.get_secret_value())
            try:
                await handler.start_async()
            finally:
                await handler.close_async()
        else:
            runner = web.AppRunner(app.web_app(path=EVENTS_PATH, port=port))
            await runner.setup()
            try:
                await web.TCPSite(runner, host, port).start()
                print(f"policybot: Slack endpoint on http://{host}:{port}{EVENTS_PATH}",
                      file=sys.stderr, flush=True)
                await asyncio.Event().wait()
            finally:
                await runner.cleanup()
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
        feedback.close()


def run_slack(
    settings: Settings, asker: Asker, *, http: bool = False, port: int = 3000, host: str = "0.0.0.0"
) -> None:
    """Run the Slack adapter until interrupted (blocking)."""
    # Ctrl-C is the normal way to stop it, not an error.
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve_slack(settings, asker, http=http, port=port, host=host))
