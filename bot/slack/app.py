"""The Slack adapter: a Bolt AsyncApp served over Socket Mode or signed HTTP."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import sys
from concurrent.futures import Executor, ThreadPoolExecutor

import aiohttp
from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError

from bot.config import Settings
from bot.feedback import FeedbackStore, open_feedback
from bot.ratelimit import AnswerQueue, RateLimiter
from bot.slack.events import SlackHandlers
from bot.slack.http import EVENTS_PATH, slack_web_app
from bot.slack.render import ACTION_DOWN, ACTION_SHARE, ACTION_UP
from retrieval.errors import PolicybotError
from retrieval.service import Asker

log = logging.getLogger("policybot.slack")


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
    queue: AnswerQueue | None = None,
) -> AsyncApp:
    """Build the Bolt app for one workspace from its collaborators."""
    if settings.slack_bot_token is None:
        raise SlackConfigError("SLACK_BOT_TOKEN is not set; see docs/slack.md")
    signing = settings.slack_signing_secret
    secret = signing.get_secret_value() if signing else ""
    if not secret and not socket_mode:
        # An empty secret would make any request signed with "" pass verification.
        raise SlackConfigError("SLACK_SIGNING_SECRET is required in HTTP mode; see docs/slack.md")
    app = AsyncApp(
        name="policybot", token=settings.slack_bot_token.get_secret_value(), signing_secret=secret,
        # Unmatched requests go to the error handler: one log line and 400, not a long warning.
        raise_error_for_unhandled_request=True,
        # Our acks are instant, so run them before the lazy listeners start: each request is
        # then awaited, not polled every 10 ms, and the ack can tell its lazy listener it
        # turned the question away.
        process_before_response=True,
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
        queue,
    )
    app.error(handlers.refuse)
    app.use(handlers.drop_retries)
    app.command(settings.slack_command)(ack=handlers.ack_command, lazy=[handlers.answer_command])
    app.event("app_mention")(ack=handlers.ack, lazy=[handlers.answer_mention])
    # Every message event is matched so Bolt acks the ones we ignore instead of answering 404.
    app.event("message")(ack=handlers.ack, lazy=[handlers.answer_message])
    app.action(ACTION_SHARE)(ack=handlers.ack, lazy=[handlers.share])
    votes = re.compile(f"^({re.escape(ACTION_UP)}|{re.escape(ACTION_DOWN)})$")
    app.action(votes)(ack=handlers.ack, lazy=[handlers.vote])
    return app


async def check_tokens(app: AsyncApp, app_token: str | None = None) -> str | None:
    """Fail at start-up, in one line, when Slack is unreachable or refuses a token.

    With an app token, return the Socket Mode URL Slack issued for it.
    """
    url = app.client.base_url
    token = "SLACK_BOT_TOKEN"
    try:
        await app.client.auth_test()
        if app_token is not None:
            # Socket Mode would retry a refused app token forever; ask once, now.
            token = "SLACK_APP_TOKEN"
            opened = await app.client.apps_connections_open(app_token=app_token)
            return str(opened["url"])
        return None
    except SlackApiError as exc:
        status, error = exc.response.status_code, exc.response.get("error")
        if status >= 500 or status == 429 or not error:
            raise SlackConfigError(
                f"the Slack API at {url} answered HTTP {status} at start-up; Slack or a proxy "
                "in between is failing, try again later (status.slack.com)") from exc
        raise SlackConfigError(
            f"Slack rejected {token}: {error}; copy the token again from the app's settings "
            "page (docs/slack.md)") from exc
    except (TimeoutError, aiohttp.ClientError, OSError) as exc:
        raise SlackConfigError(
            f"cannot reach the Slack API at {url} ({type(exc).__name__}: {exc}); check the "
            "network, a proxy, or SLACK_API_URL") from exc


async def serve_slack(
    settings: Settings,
    asker: Asker,
    *,
    http: bool = False,
    port: int | None = None,
    host: str | None = None,
    feedback: FeedbackStore | None = None,
) -> None:
    """Serve Slack until cancelled: Socket Mode with an app token, signed HTTP otherwise."""
    app_token = None if http else settings.slack_app_token
    host = host or settings.slack_host
    port = settings.slack_port if port is None else port
    # The votes store is an accessory: a broken one is logged and votes are refused.
    store = feedback or open_feedback(settings.data / "feedback.sqlite3")
    pool = ThreadPoolExecutor(settings.answer_workers, thread_name_prefix="policybot-answer")
    try:
        app = build_slack_app(
            settings, asker, feedback=store, pool=pool, socket_mode=app_token is not None,
            limiter=RateLimiter(settings.rate_limit_per_minute),
        )
        socket_url = await check_tokens(app, app_token.get_secret_value() if app_token else None)
        if app_token is not None:
            handler = AsyncSocketModeHandler(app, app_token.get_secret_value())
            # The client asks for a URL only when it has none: the checked one saves a call.
            handler.client.wss_uri = socket_url
            try:
                await handler.start_async()
            finally:
                await handler.close_async()
        else:
            secret = settings.slack_signing_secret
            runner = web.AppRunner(slack_web_app(app, secret.get_secret_value() if secret else ""))
            await runner.setup()
            try:
                try:
                    await web.TCPSite(runner, host, port).start()
                except OSError as exc:
                    raise SlackConfigError(
                        f"cannot listen on {host}:{port} ({exc.strerror or exc}); choose another "
                        "--port or --host, or stop what uses it") from exc
                print(f"policybot: Slack endpoint on http://{host}:{port}{EVENTS_PATH}",
                      file=sys.stderr, flush=True)
                await asyncio.Event().wait()
            finally:
                await runner.cleanup()
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
        if feedback is None:
            store.close()


def run_slack(
    settings: Settings,
    asker: Asker,
    *,
    http: bool = False,
    port: int | None = None,
    host: str | None = None,
    feedback: FeedbackStore | None = None,
) -> None:
    """Run the Slack adapter until interrupted (blocking)."""
    # Ctrl-C is the normal way to stop it, not an error.
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve_slack(settings, asker, http=http, port=port, host=host,
                                feedback=feedback))
