"""Render an `Answer` as Discord embeds and messages within Discord's limits."""

from __future__ import annotations

import discord
from discord.utils import escape_markdown

from retrieval.answer import Answer, Quote

CONTENT_LIMIT = 2000
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FIELD_COUNT_LIMIT = 25
FOOTER_LIMIT = 2048
EMBED_TOTAL_LIMIT = 6000
EMBEDS_PER_MESSAGE = 10

# Our own additions to the footer stay short, so a footer never crowds out quotes.
_NOTICE_LIMIT = 300
# Separators to split long text at, best first; each ends in whitespace, so a
# piece cut after one and stripped is never longer than the limit.
_SEPARATORS = ("\n\n", "\n", ". ", "? ", "! ", " ")

_LABELS: dict[str, dict[str, str]] = {
    "ko": {"link": "원문 보기", "source": "출처", "continued": "계속"},
    "en": {"link": "Read the source", "source": "Source", "continued": "continued"},
}

_ANSWERED = discord.Colour.green()
_ABSTAINED = discord.Colour.light_grey()


def label(lang: str, key: str) -> str:
    """Return a UI label in the answer's language (Korean when unknown)."""
    return _LABELS.get(lang, _LABELS["ko"])[key]


def split_text(text: str, limit: int) -> list[str]:
    """Split text into pieces of at most `limit` characters at the best boundary."""
    text = text.strip()
    pieces: list[str] = []
    while len(text) > limit:
        cut = _cut_at(text, limit)
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text:
        pieces.append(text)
    return pieces


def _cut_at(text: str, limit: int) -> int:
    """Where to end the next piece: a paragraph, line, sentence or word boundary."""
    for sep in _SEPARATORS:
        at = text.rfind(sep, 0, limit + 1)
        # A boundary early in the window would leave a tiny piece; only words may.
        if at > 0 and (at >= limit // 2 or sep == " "):
            return at + len(sep)
    # One unbroken run: cut hard, but never between a backslash and what it escapes.
    return limit - 1 if text[limit - 1] == "\\" else limit


def shorten(text: str, limit: int) -> str:
    """Cut our own text (never a quote) to `limit` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def split_content(text: str) -> list[str]:
    """Split plain message content into pieces within Discord's 2,000 characters."""
    return split_text(text, CONTENT_LIMIT) or ["…"]


def quote_name(quote: Quote) -> str:
    """The field name for a quote: its document title, date and page."""
    name = f"{quote.title} ({quote.published})" if quote.published else quote.title
    page = f", p. {quote.page}" if quote.page is not None else ""
    # The page goes after shortening, so a long title never cuts it off.
    return shorten(name or quote.source, FIELD_NAME_LIMIT - len(page)) + page


def quote_text(quote: Quote) -> str:
    """The quote as a block quote, escaped so Discord shows it exactly as written."""
    lines = escape_markdown(quote.text.strip()).splitlines() or [""]
    return "\n".join(f"> {line}" for line in lines)


def quote_link(quote: Quote, lang: str) -> str:
    """A link to the quote's document, or its file name when it has no URL."""
    if quote.url:
        return f"[{label(lang, 'link')}]({quote.url})"
    return f"{label(lang, 'source')}: `{quote.source}`"


def footer_text(answer: Answer) -> str:
    """Mode and latency, plus the answer's notice when it has one."""
    text = f"{answer.mode} · {answer.latency_ms:.0f} ms"
    if answer.notice:
        text += " · " + shorten(answer.notice, _NOTICE_LIMIT)
    return shorten(text, FOOTER_LIMIT)


def render_embeds(answer: Answer, *, title: str | None = None) -> list[discord.Embed]:
    """Turn an answer into embeds that each respect Discord's embed limits."""
    colour = _ABSTAINED if answer.abstained else _ANSWERED
    footer = footer_text(answer)
    # Reserve the footer everywhere: it goes on whichever embed ends up last.
    budget = EMBED_TOTAL_LIMIT - len(footer)
    shown = f"({answer.reading})\n{answer.answer}" if answer.reading else answer.answer
    chunks = split_text(shown, DESCRIPTION_LIMIT) or ["…"]
    embeds = [discord.Embed(description=chunk, colour=colour) for chunk in chunks]
    if title:
        embeds[0].title = shorten(title, TITLE_LIMIT)
    for quote in answer.quotes:
        embeds.extend(_add_quote(embeds[-1], quote, answer.lang, colour, budget))
    embeds[-1].set_footer(text=footer)
    return embeds


def _add_quote(
    current: discord.Embed, quote: Quote, lang: str, colour: discord.Colour, budget: int
) -> list[discord.Embed]:
    """Add a quote whole to `current` as a field, or return the new embeds that hold it."""
    name = quote_name(quote)
    value = f"{quote_text(quote)}\n{quote_link(quote, lang)}"
    if len(value) <= FIELD_VALUE_LIMIT:
        fits = len(current) + len(name) + len(value) <= budget
        if fits and len(current.fields) < FIELD_COUNT_LIMIT:
            current.add_field(name=name, value=value, inline=False)
            return []
        extra = discord.Embed(colour=colour)
        extra.add_field(name=name, value=value, inline=False)
        return [extra]
    # Too long for a field: the quote gets its own embed, whole, as the description.
    pieces = split_text(value, DESCRIPTION_LIMIT)
    more = f" ({label(lang, 'continued')})"
    return [
        discord.Embed(
            title=name if i == 0 else shorten(name, TITLE_LIMIT - len(more)) + more,
            description=piece,
            colour=colour,
        )
        for i, piece in enumerate(pieces)
    ]


def pack_messages(embeds: list[discord.Embed]) -> list[list[discord.Embed]]:
    """Group embeds into messages of at most 10 embeds and 6,000 characters."""
    messages: list[list[discord.Embed]] = []
    size = 0
    for embed in embeds:
        full = bool(messages) and len(messages[-1]) >= EMBEDS_PER_MESSAGE
        if not messages or full or size + len(embed) > EMBED_TOTAL_LIMIT:
            messages.append([])
            size = 0
        messages[-1].append(embed)
        size += len(embed)
    return messages


def render_messages(answer: Answer, *, title: str | None = None) -> list[list[discord.Embed]]:
    """Turn an answer into the embeds of one or more messages, in order."""
    return pack_messages(render_embeds(answer, title=title))


_TEXTS: dict[str, dict[str, str]] = {
    "ko": {
        "usage": (
            "정책 문서에 대해 물어보세요. 예: `@{bot} SK는 울산에 얼마를 투자하나요?`\n"
            "`/ask` 명령으로도 물을 수 있고, `private` 옵션을 켜면 나만 보는 답이 옵니다."
        ),
        "rate_limited": "질문이 너무 잦아요. {seconds}초 뒤에 다시 물어봐 주세요.",
        "error": "죄송해요, 답을 만들다 문제가 생겼어요. 오류 번호: `{error_id}`",
        "thanks": "의견 고마워요!",
        "already": "이미 의견을 남기셨어요.",
        "votes_off": "지금은 의견을 기록할 수 없어요. 답변은 계속 드려요.",
        "busy": "지금 질문이 많이 밀려 있어요. 잠시 뒤에 다시 물어봐 주세요.",
    },
    "en": {
        "usage": (
            "Ask me about the policy documents, e.g. `@{bot} How much is SK investing in Ulsan?`\n"
            "You can also use `/ask`; turn on `private` for a reply only you can see."
        ),
        "rate_limited": "You are asking too often. Please try again in {seconds} seconds.",
        "error": "Sorry, something went wrong while answering. Error id: `{error_id}`",
        "thanks": "Thanks for the feedback!",
        "already": "You have already voted on this answer.",
        "votes_off": "Feedback can't be recorded right now; answers keep working.",
        "busy": "Too many questions are waiting right now. Please try again in a minute.",
    },
}


def text(lang: str, key: str, **values: object) -> str:
    """A short message of ours in the given language (Korean when unknown)."""
    return _TEXTS.get(lang, _TEXTS["ko"])[key].format(**values)
