"""Render an `Answer` as Slack Block Kit messages: pure functions, no I/O."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from bot.feedback import MODES
from retrieval.answer import MAX_QUESTION_CHARS, Answer, Quote

Block = dict[str, Any]

MAX_TEXT = 3000
"""Slack rejects a section or context text longer than this."""
MAX_BLOCKS = 50
"""Slack rejects a message with more blocks than this."""
MAX_BUTTON_VALUE = 2000
"""Slack rejects a button value longer than this."""
MAX_REF = 64

ACTION_SHARE = "policybot_share"
ACTION_UP = "policybot_vote_up"
ACTION_DOWN = "policybot_vote_down"

_TEXT: dict[str, dict[str, str]] = {
    "ko": {
        "mode": "방식",
        "quotes": "근거 {n}건",
        "nearest": "답할 근거를 찾지 못했습니다. 가장 가까운 출처:",
        "share": "채널에 공유",
        "shared_by": "<@{user}> 님이 공유함",
        "continued": "(계속)",
        "rate_limited": "질문이 너무 잦습니다. {seconds}초 뒤에 다시 물어봐 주세요.",
        "apology": "죄송합니다. 답하는 중에 문제가 생겼습니다. (오류 ID: `{error_id}`)",
        "thanks_up": "의견 고맙습니다! 👍",
        "thanks_down": "의견 고맙습니다. 더 나아지도록 하겠습니다. 👎",
        "vote_same": "이미 같은 의견을 남기셨습니다.",
        "bad_button": "이 버튼은 처리할 수 없습니다. 질문을 다시 해 주세요.",
        "votes_off": "지금은 의견을 기록할 수 없습니다. 답변은 계속 드립니다.",
        "busy": "지금 질문이 많이 밀려 있습니다. 잠시 뒤에 다시 물어봐 주세요.",
    },
    "en": {
        "mode": "mode",
        "quotes": "{n} quote(s)",
        "nearest": "No supported answer in the documents. Nearest sources:",
        "share": "Share in channel",
        "shared_by": "Shared by <@{user}>",
        "continued": "(continued)",
        "rate_limited": "You're asking a bit fast. Please try again in {seconds} s.",
        "apology": "Sorry, something went wrong while answering. (error id: `{error_id}`)",
        "thanks_up": "Thanks for the feedback! 👍",
        "thanks_down": "Thanks for the feedback, we'll do better. 👎",
        "vote_same": "You already left this feedback.",
        "bad_button": "This button can't be handled. Please ask again.",
        "votes_off": "Feedback can't be recorded right now; answers keep working.",
        "busy": "Too many questions are waiting right now. Please try again in a minute.",
    },
}

USAGE = (
    "*사용법:* `{command} 질문` — 예: `{command} SK는 울산에 얼마를 투자하나요?`\n"
    "*Usage:* `{command} question` — e.g. `{command} What is the national AI strategy?`\n"
    "정책 문서에서 짧은 답과 원문 인용을 찾아 드립니다. "
    "Answers come with verbatim quotes from the policy documents."
)


@dataclass(frozen=True)
class SlackMessage:
    """One Slack message: fallback text plus Block Kit blocks."""

    text: str
    blocks: list[Block]


@dataclass(frozen=True)
class ButtonRef:
    """What an answer's buttons carry, so a click works even after a restart."""

    ref: str
    question: str
    answer: str
    mode: str
    lang: str


def t(lang: str, key: str, **fields: object) -> str:
    """Return the user-facing text `key` in `lang` (Korean unless 'en')."""
    table = _TEXT["en"] if lang == "en" else _TEXT["ko"]
    return table[key].format(**fields)


def escape(text: str) -> str:
    """Escape the three characters Slack's mrkdwn treats as control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    """Cut `text` to at most `limit` characters, marking the cut with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Split escaped mrkdwn into pieces of at most `limit`, at line or word breaks."""
    pieces: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        window = rest[:limit]
        cut = max(window.rfind("\n"), window.rfind(" "))
        if cut < limit // 2:
            cut = limit
        # Never cut inside an entity such as `&amp;`.
        amp = window.rfind("&", 0, cut)
        if amp != -1 and ";" not in window[amp:cut]:
            cut = amp
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def mrkdwn_section(text: str, block_id: str | None = None) -> Block:
    """A section block with mrkdwn text."""
    block: Block = {"type": "section", "text": {"type": "mrkdwn", "text": text}}
    if block_id:
        block["block_id"] = block_id
    return block


def context(text: str) -> Block:
    """A context block with one mrkdwn line."""
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": clip(text, MAX_TEXT)}]}


def quote_block(quote: Quote) -> Block:
    """A rich-text quote (shown verbatim: no mrkdwn is applied) with its linked title and date."""
    title = clip(quote.title or quote.source, 300)
    source: list[Block] = [{"type": "text", "text": "— "}]
    if _is_web_link(quote.url):
        source.append({"type": "link", "url": quote.url, "text": title})
    else:
        source.append({"type": "text", "text": title, "style": {"bold": True}})
    if quote.published:
        source.append({"type": "text", "text": f" · {quote.published}"})
    if quote.page is not None:
        source.append({"type": "text", "text": f" · p. {quote.page}"})
    return {
        "type": "rich_text",
        "elements": [
            # A prefix of a verbatim quote is still verbatim, so clipping keeps the promise.
            {
                "type": "rich_text_quote",
                "elements": [{"type": "text", "text": clip(quote.text, MAX_TEXT)}],
            },
            {"type": "rich_text_section", "elements": source},
        ],
    }


def button_value(answer: Answer, ref: str) -> str:
    """Encode what feedback needs into a button value within Slack's size limit."""
    # The core cuts questions to this length anyway; the answer gets the remaining room.
    question = answer.question[:MAX_QUESTION_CHARS]
    data = {"r": ref, "q": question, "m": answer.mode, "l": answer.lang, "a": answer.answer}
    for key in ("a", "q"):
        if len(json.dumps(data, ensure_ascii=False)) <= MAX_BUTTON_VALUE:
            break
        full = data[key]
        # Longest prefix that fits: JSON escapes make the encoded length non-linear.
        lo, hi = 0, len(full)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            data[key] = full[:mid]
            if len(json.dumps(data, ensure_ascii=False)) <= MAX_BUTTON_VALUE:
                lo = mid
            else:
                hi = mid - 1
        data[key] = full[:lo]
    return json.dumps(data, ensure_ascii=False)


def parse_button_value(value: object) -> ButtonRef:
    """Decode a value written by `button_value`; anything else raises ValueError."""
    # Clicks can be forged by whoever holds the signing secret: check every field.
    if not isinstance(value, str) or len(value) > MAX_BUTTON_VALUE:
        raise ValueError("not a policybot button value")
    data = json.loads(value)
    if not isinstance(data, dict):
        raise ValueError("not a policybot button value")
    ref, question = data.get("r"), data.get("q")
    answer, mode = data.get("a", ""), data.get("m", "extractive")
    if not (isinstance(ref, str) and 0 < len(ref) <= MAX_REF and isinstance(question, str)
            and len(question) <= MAX_QUESTION_CHARS and isinstance(answer, str)
            and mode in MODES):
        raise ValueError("a policybot button value with a missing or invalid field")
    lang = "en" if data.get("l") == "en" else "ko"
    return ButtonRef(ref=ref, question=question, answer=answer, mode=mode, lang=lang)


def _is_web_link(url: str | None) -> bool:
    """True for an http(s) URL; Slack refuses a whole message over a link it cannot parse."""
    if not url or len(url) > MAX_TEXT:
        return False
    return url.startswith(("https://", "http://")) and not any(ch.isspace() for ch in url)


def actions(answer: Answer, ref: str, *, shareable: bool) -> Block:
    """The share (optional) and 👍/👎 buttons under an answer."""
    value = button_value(answer, ref)
    buttons: list[Block] = []
    if shareable:
        buttons.append({
            "type": "button", "action_id": ACTION_SHARE, "style": "primary", "value": value,
            "text": {"type": "plain_text", "text": t(answer.lang, "share")},
        })
    buttons.append({"type": "button", "action_id": ACTION_UP, "value": value,
                    "text": {"type": "plain_text", "text": "👍", "emoji": True}})
    buttons.append({"type": "button", "action_id": ACTION_DOWN, "value": value,
                    "text": {"type": "plain_text", "text": "👎", "emoji": True}})
    return {"type": "actions", "block_id": "policybot_actions", "elements": buttons}


def render_answer(
    answer: Answer, *, ref: str, shareable: bool = False, shared_by: str | None = None
) -> list[SlackMessage]:
    """Render an answer as one message, or several when it would pass 50 blocks."""
    lang = answer.lang
    body: list[Block] = []
    if shared_by:
        body.append(context(t(lang, "shared_by", user=shared_by)))
    if answer.reading:
        # A follow-up says how it was read, so a wrong guess is seen before the answer.
        body.append(context(f"({escape(answer.reading)})"))
    # The core marks the span an answer leads with as **bold**; Slack's mrkdwn bold is *x*.
    text = escape(answer.answer).replace("**", "*")
    if answer.abstained:
        # An abstention must not read like an answer: mark it and label the sources as near misses.
        text = f":grey_question: {text}"
    for i, piece in enumerate(split_text(text)):
        body.append(mrkdwn_section(piece, block_id=f"policybot_answer_{i}"))
    if answer.notice:
        body.append(context(f":warning: {escape(answer.notice)}"))
    if answer.abstained and answer.quotes:
        body.append(context(t(lang, "nearest")))
    body.extend(quote_block(q) for q in answer.quotes)

    meta = f"{t(lang, 'mode')}: {answer.mode} · {answer.latency_ms:.0f} ms"
    if answer.quotes and not answer.abstained:
        meta += f" · {t(lang, 'quotes', n=len(answer.quotes))}"
    tail = [context(meta), actions(answer, ref, shareable=shareable)]
    # The fallback is mrkdwn too: document text must not ping a channel or fake a link.
    return pack(body, tail, fallback=escape(clip(answer.answer.replace("**", ""), MAX_TEXT)),
                lang=lang)


def pack(body: list[Block], tail: list[Block], *, fallback: str, lang: str) -> list[SlackMessage]:
    """Group blocks into messages of at most 50, the tail (meta, buttons) on the last one."""
    groups: list[list[Block]] = []
    for block in body:
        if not groups or len(groups[-1]) >= MAX_BLOCKS:
            groups.append([])
        groups[-1].append(block)
    if not groups or len(groups[-1]) + len(tail) > MAX_BLOCKS:
        groups.append([])
    groups[-1].extend(tail)
    more = t(lang, "continued")
    return [SlackMessage(fallback if i == 0 else more, g) for i, g in enumerate(groups)]


def usage_message(command: str = "/ask", documents: str = "") -> SlackMessage:
    """Bilingual usage help for an empty question, with what can be asked about."""
    text = USAGE.format(command=command)
    blocks = [mrkdwn_section(text)]
    if documents:
        listed = clip(escape(documents), MAX_TEXT)
        blocks.append(mrkdwn_section(listed))
        text += "\n\n" + listed
    return SlackMessage(text, blocks)


def notice_message(text: str) -> SlackMessage:
    """A one-section message for short replies (rate limit, apology, thanks)."""
    return SlackMessage(text, [mrkdwn_section(clip(text, MAX_TEXT))])
