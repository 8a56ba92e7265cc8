"""Near-duplicate detection: MinHash signatures and an LSH index (datasketch).

A syndicated copy of an article (the same story with small edits) has a
signature close to the original's; it is linked to the original instead of
being analysed again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

_WORD = re.compile(r"\w+")
# Signatures are stored, so the scheme is fixed and named (datasketch >= 2
# refuses to guess it when a signature is loaded back).
SCHEME = "affine32"
SHINGLE = 3  # words per shingle: short articles still get enough shingles


def signature(text: str, num_perm: int = 128) -> MinHash:
    words = _WORD.findall(text.lower())
    mh = MinHash(num_perm=num_perm, scheme=SCHEME)
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    mh.update_batch([s.encode("utf-8") for s in shingles])
    return mh


def to_bytes(mh: MinHash) -> bytes:
    # affine32 hash values are 32-bit: 4 bytes each.
    return np.asarray(mh.hashvalues, dtype=np.uint32).tobytes()


def from_bytes(data: bytes) -> MinHash:
    values = np.frombuffer(data, dtype=np.uint32)
    return MinHash(num_perm=len(values), hashvalues=values, scheme=SCHEME)


class NearDuplicateIndex:
    """Finds which known article, if any, a new text is a near-copy of."""

    def __init__(self, threshold: float = 0.8, num_perm: int = 128) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        # Candidates come from a looser LSH band setting (recall first); each is
        # then checked against the real threshold on its full signature.
        self._lsh = MinHashLSH(threshold=max(0.3, threshold * 0.7), num_perm=num_perm, weights=(0.2, 0.8))
        self._signatures: dict[str, MinHash] = {}

    def load(self, stored: Iterable[tuple[str, bytes]]) -> None:
        for article_id, data in stored:
            mh = from_bytes(data)
            if len(mh.hashvalues) == self.num_perm:
                self.add(article_id, mh)

    def add(self, article_id: str, mh: MinHash) -> None:
        if article_id not in self._signatures:
            self._lsh.insert(article_id, mh)
            self._signatures[article_id] = mh

    def remove(self, article_id: str) -> None:
        """Forget an article (one that could not be stored after all)."""
        if self._signatures.pop(article_id, None) is not None:
            self._lsh.remove(article_id)

    def original_of(self, mh: MinHash) -> str | None:
        """The most similar known article above the threshold (ties: the larger id, for stability)."""
        best: tuple[float, str] | None = None
        for candidate in self._lsh.query(mh):
            similarity = mh.jaccard(self._signatures[candidate])
            if similarity >= self.threshold and (
                best is None or (similarity, candidate) > (best[0], best[1])
            ):
                best = (similarity, candidate)
        return best[1] if best else None

    def __len__(self) -> int:
        return len(self._signatures)
