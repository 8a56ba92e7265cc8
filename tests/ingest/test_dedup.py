"""MinHash LSH links a syndicated near-copy to its original, not an unrelated article."""

from __future__ import annotations

from touchline.ingest.dedup import NearDuplicateIndex, from_bytes, signature, to_bytes

ORIGINAL = (
    "Northbridge Rovers beat Castelmar 3-1 at Harrow Lane on Saturday afternoon to climb to third. "
    "Tomas Varga's side went behind early through a deflected shot but Elio Brandt equalised before "
    "the break with a header from a corner. After the interval Rovers dominated possession and "
    "substitute Kai Meyer added two late goals to seal a comfortable win in front of a full house."
)
COPY = ORIGINAL.replace("Saturday afternoon", "Saturday") + " Rovers travel to Dunmore next week."
OTHER = (
    "Castelmar have dismissed their manager after a run of four defeats, the club confirmed. "
    "The board thanked him for three seasons in charge and named an interim replacement until summer."
)


def test_near_copy_found_and_unrelated_not() -> None:
    index = NearDuplicateIndex(threshold=0.8)
    index.add("orig", signature(ORIGINAL))
    assert index.original_of(signature(COPY)) == "orig"
    assert index.original_of(signature(OTHER)) is None


def test_signature_round_trips_through_bytes() -> None:
    mh = signature(ORIGINAL)
    back = from_bytes(to_bytes(mh))
    assert back.jaccard(mh) == 1.0
    index = NearDuplicateIndex()
    index.load([("orig", to_bytes(mh))])
    assert index.original_of(signature(COPY)) == "orig"
