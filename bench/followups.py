"""Print how often a follow-up's top search hit is the right seed document, as typed and as read."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from retrieval.answer import Conversation, Turn  # noqa: E402
from retrieval.pipeline import open_pipeline  # noqa: E402

SK, MSS, US, LEE = ("000_2979ad4f5c775dad.txt", "002_c1e04058d3b0113a.txt",
                    "003_b56d9d9b8feb12fe.txt", "004_a2bae43af4aa1ade.txt")
# (previous question, follow-up, the document the follow-up is about)
PAIRS = [
    ("SK는 울산에 얼마를 투자하나요?", "누가 발표했나요?", SK),
    ("SK는 울산에 얼마를 투자하나요?", "그건 어디에 짓나요?", SK),
    ("오영주 장관은 어디서 회의를 열었나요?", "누가 참석했나요?", MSS),
    ("오영주 장관은 어디서 회의를 열었나요?", "언제 열렸나요?", MSS),
    ("이재명 대통령은 손정의 회장과 무엇을 논의했나요?", "그분은 무엇을 강조했나요?", LEE),
    ("이재명 대통령은 손정의 회장과 무엇을 논의했나요?", "ARM은 누가 배석했나요?", LEE),
    ("How much is SK investing in Ulsan?", "who said that?", SK),
    ("What did DeepSeek build?", "Who was worried about it?", MSS),
    ("What did President Lee discuss with Son Masayoshi?", "where did they meet?", LEE),
    ("업스테이지는 얼마의 투자를 유치했나요?", "누가 창업했나요?", MSS),
    ("미국의 AI 민간 투자 규모는 얼마인가요?", "그럼 한국은?", US),
    ("How much did the US invest privately in AI?", "what about Korea?", US),
]


def main() -> None:
    """Ask each follow-up after its question and compare the top hit's document."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=Path, default=ROOT / "seeds")
    parser.add_argument("--data", type=Path, default=ROOT / ".policybot")
    args = parser.parse_args()
    service = open_pipeline(args.docs, args.data).service
    typed = read = 0
    for previous, question, document in PAIRS:
        answer = service.ask(question, conversation=Conversation.of([Turn(previous)]))
        as_typed = service.search(question).hits[0].chunk.source == document
        as_read = service.search(answer.read_as or question).hits[0].chunk.source == document
        typed, read = typed + as_typed, read + as_read
        print(f"{question:28} typed={int(as_typed)} read={int(as_read)}  {answer.reading or '-'}")
    print(f"top-1 document right: as typed {typed}/{len(PAIRS)}, as read {read}/{len(PAIRS)}")


if __name__ == "__main__":
    main()
