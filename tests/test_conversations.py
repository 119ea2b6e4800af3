"""Conversations are bounded, expire after silence and are never shared between keys."""

from __future__ import annotations

from bot.conversations import ConversationStore
from bot.terminal import ChatSession
from retrieval.answer import Answer, AskContext, Conversation, Quote
from tests.fakes.asker import FakeAsker, sk_answer


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def answer(question: str, read_as: str | None = None) -> Answer:
    quote = Quote("…", "000_2979ad4f5c775dad.txt", "t")
    return Answer(question, "a", abstained=False, quotes=[quote, quote], read_as=read_as)


def test_a_conversation_is_forgotten_after_30_minutes_of_silence() -> None:
    clock = Clock()
    store = ConversationStore(clock=clock)
    key = store.key("slack", "C1", "1.1", "U1")
    store.record(key, answer("q1"))
    clock.now += 29 * 60
    store.record(key, answer("q2"))
    clock.now += 29 * 60  # silence is counted from the last exchange
    held = store.get(key)
    assert held is not None and [t.question for t in held.turns] == ["q1", "q2"]
    clock.now += 2 * 60
    assert store.get(key) is None


def test_keys_never_share_a_conversation() -> None:
    store = ConversationStore(clock=Clock())
    keys = [store.key("slack", "C1", "1.1", "U1"), store.key("slack", "C1", "1.2", "U1"),
            store.key("slack", "C2", "1.1", "U1"), store.key("slack", "C1", "1.1", "U2"),
            store.key("discord", "C1", "1.1", "U1")]
    for i, key in enumerate(keys):
        store.record(key, answer(f"q{i}"))
    for i, key in enumerate(keys):
        held = store.get(key)
        assert held is not None and [t.question for t in held.turns] == [f"q{i}"]


def test_at_most_three_exchanges_and_the_question_as_read_are_kept() -> None:
    store = ConversationStore(clock=Clock())
    key = store.key("cli", "", "", "")
    for i in range(4):
        store.record(key, answer(f"q{i}"))
    store.record(key, answer("그럼 카카오는?", read_as="카카오는 울산에 얼마를 투자하나요?"))
    held = store.get(key)
    assert held is not None
    assert [t.question for t in held.turns] == ["q2", "q3", "카카오는 울산에 얼마를 투자하나요?"]
    assert held.turns[-1].sources == ("000_2979ad4f5c775dad.txt",)


def test_the_store_holds_a_bounded_number_of_conversations() -> None:
    store = ConversationStore(size=2, clock=Clock())
    keys = [store.key("slack", "C", str(i), "U") for i in range(3)]
    for key in keys:
        store.record(key, answer("q"))
    assert store.get(keys[0]) is None and store.get(keys[2]) is not None


def test_a_terminal_session_passes_its_earlier_exchanges() -> None:
    asker = FakeAsker()
    session = ChatSession(asker)
    session.ask("SK는 울산에 얼마를 투자하나요?")
    session.ask("그럼 카카오는?")
    first, second = asker.conversations
    assert first is None
    assert isinstance(second, Conversation)
    assert [t.question for t in second.turns] == ["SK는 울산에 얼마를 투자하나요?"]
    assert second.turns[0].answer == sk_answer("").answer
    assert all(isinstance(c, AskContext) and c.platform == "cli" for _, c in asker.calls)
