"""The similarity engine's fusion of lexical and dense scores (the code behind every suggestion)."""

from __future__ import annotations

from kraft.matchmaking.engine import EngineOptions, Item, SimilarityEngine, fuse_scores

ITEMS = [
    Item("a", "Chattbot som svarar invånare om bygglov dygnet runt."),
    Item("b", "Chattbot för frågor om skolval och skolskjuts."),
    Item("c", "Digital assistent i kontaktcenter som besvarar frågor om bygglovsansökningar."),
    Item("d", "Prognos av elevantal inför planering av skolor."),
]


def test_a_record_close_in_meaning_rises_above_one_that_only_shares_words() -> None:
    cosines = {"c": 0.93, "a": 0.90, "b": 0.71, "d": 0.52}

    def dense(text: str, depth: int) -> list[tuple[str, float]]:
        return sorted(cosines.items(), key=lambda pair: -pair[1])[:depth]

    lexical_only = SimilarityEngine(ITEMS).rank("Chattbot som svarar på frågor om bygglov", exclude={"a"})
    fused = SimilarityEngine(ITEMS, dense=dense).rank("Chattbot som svarar på frågor om bygglov", exclude={"a"})

    assert lexical_only[0].key == "b"  # shares "chattbot", "frågor"
    assert fused[0].key == "c"  # no "chattbot", but the same thing by meaning and by "bygglov"
    assert fused[0].dense_rank == 0 and all(m.key != "a" for m in fused)


def test_score_fusion_puts_a_record_near_the_top_of_both_lists_first() -> None:
    lexical = {"x": 10.0, "y": 9.9, "z": 1.0}
    dense = [("z", 0.95), ("y", 0.60), ("x", 0.59)]

    fused = fuse_scores(lexical, ["x", "y", "z"], dense, share=EngineOptions().lexical_share)

    # rank fusion would tie all three (first, second and third in one list each, in some order); scores do not
    assert sorted(fused, key=fused.__getitem__, reverse=True) == ["y", "x", "z"]


def test_a_single_dense_candidate_counts_in_full() -> None:
    fused = fuse_scores({"x": 2.0}, ["x"], [("y", 0.8)], share=0.6)
    assert fused == {"x": 0.6, "y": 0.4}
