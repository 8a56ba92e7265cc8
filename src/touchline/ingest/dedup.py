"""Near-duplicate detection: MinHash signatures and an LSH index (datasketch).

A syndicated copy of an article (the same story with small edits) has a
signature close to the original's; it is linked to the original instead of
being analysed again.

The index of stored articles lives in the store: each original's signature is
cut into LSH bands and one 64-bit key per band is written beside it
(:func:`band_keys`, the ``article_bands`` table).  An ingest asks the store for
the articles sharing a key with a new text and checks each against the real
threshold: nothing is loaded per run, whatever the size of the knowledge base.
The in-memory :class:`NearDuplicateIndex` holds only the articles of the
running ingest.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache

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


# The LSH band setting of the stored keys: fixed (the keys are stored), chosen for the default
# threshold's candidate level (0.8 * 0.7) with recall weighted first, as the in-memory index.
BAND_THRESHOLD = 0.56
BAND_WEIGHTS = (0.2, 0.8)


@lru_cache(maxsize=8)
def band_shape(num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) for signatures of ``num_perm`` values (25 x 5 for 128)."""
    lsh = MinHashLSH(threshold=BAND_THRESHOLD, num_perm=num_perm, weights=BAND_WEIGHTS)
    return lsh.b, lsh.r


def band_keys(data: bytes) -> list[int]:
    """One signed 64-bit key per LSH band of a stored signature (``to_bytes``): two signatures
    share a key when they agree on every value of a band."""
    values = np.frombuffer(data, dtype=np.uint32)
    bands, rows = band_shape(len(values))
    keys = []
    for b in range(bands):
        digest = hashlib.blake2b(values[b * rows:(b + 1) * rows].tobytes(), digest_size=8,
                                 person=b"tl-band", salt=b.to_bytes(2, "little")).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def jaccard(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two stored signatures of one length."""
    va, vb = np.frombuffer(a, dtype=np.uint32), np.frombuffer(b, dtype=np.uint32)
    return float(np.count_nonzero(va == vb)) / len(va) if len(va) == len(vb) and len(va) else 0.0


def best_original(mh: MinHash, candidates: Iterable[tuple[str, bytes]], threshold: float
                  ) -> tuple[float, str] | None:
    """The most similar candidate at or above ``threshold`` (ties: the larger id)."""
    data = to_bytes(mh)
    best: tuple[float, str] | None = None
    for article_id, other in candidates:
        similarity = jaccard(data, other)
        if similarity >= threshold and (best is None or (similarity, article_id) > best):
            best = (similarity, article_id)
    return best


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

    def best(self, mh: MinHash) -> tuple[float, str] | None:
        """(similarity, id) of the most similar known article above the threshold (ties: the larger id)."""
        best: tuple[float, str] | None = None
        for candidate in self._lsh.query(mh):
            similarity = mh.jaccard(self._signatures[candidate])
            if similarity >= self.threshold and (
                best is None or (similarity, candidate) > (best[0], best[1])
            ):
                best = (similarity, candidate)
        return best

    def original_of(self, mh: MinHash) -> str | None:
        """The most similar known article above the threshold (ties: the larger id, for stability)."""
        best = self.best(mh)
        return best[1] if best else None

    def __len__(self) -> int:
        return len(self._signatures)
