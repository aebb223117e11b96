"""The similarity engine's fusion of lexical and dense scores (the code behind every suggestion)."""

from __future__ import annotations

import math

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

    # without neighbour propagation, which in a corpus of four lifts whichever record is the best one's neighbour
    options = EngineOptions(propagation=0.0)
    query = "Chattbot som svarar på frågor om bygglov"
    lexical_only = SimilarityEngine(ITEMS, options=options).rank(query, exclude={"a"})
    fused = SimilarityEngine(ITEMS, dense=dense, options=options).rank(query, exclude={"a"})

    assert lexical_only[0].key == "b"  # shares "chattbot", "frågor"
    assert fused[0].key == "c"  # no "chattbot", but the same thing by meaning and by "bygglov"
    assert fused[0].dense_rank == 0 and all(m.key != "a" for m in fused)


def test_score_fusion_puts_a_record_near_the_top_of_both_lists_first() -> None:
    lexical = {"x": 10.0, "y": 9.9, "z": 1.0}
    engine = SimilarityEngine(ITEMS, options=EngineOptions(propagation=0.0))
    dense = engine.dense_scores([("z", 0.95), ("y", 0.60), ("x", 0.59)], set())

    fused = fuse_scores(lexical, ["x", "y", "z"], dense, share=EngineOptions().lexical_share)

    # rank fusion would tie all three (first, second and third in one list each, in some order); scores do not
    assert sorted(fused, key=fused.__getitem__, reverse=True) == ["y", "x", "z"]


def test_a_single_dense_candidate_counts_in_full() -> None:
    dense = SimilarityEngine(ITEMS).dense_scores([("y", 0.8)], set())
    fused = fuse_scores({"x": 2.0}, ["x"], dense, share=0.6)
    assert fused == {"x": 0.6, "y": 0.4}


def test_the_embedders_nearest_record_lends_to_the_records_written_like_it() -> None:
    items = [
        Item("x", "De anonimiseringssoftware maakt documenten anoniem voor publicatie op de website.", "nl"),
        Item("y", "Anonimiseringssoftware maakt documenten anoniem voordat de gemeente ze publiceert.", "nl"),
        Item("z", "Een chatbot beantwoordt vragen van inwoners over afval.", "nl"),
        *(Item(f"f{i}", f"Het algoritme voorspelt de drukte op locatie {i}.", "nl") for i in range(6)),
    ]
    cosines = {"x": 0.95, "z": 0.90, "y": 0.80, **{f"f{i}": 0.70 - 0.03 * i for i in range(6)}}

    def dense(text: str, depth: int) -> list[tuple[str, float]]:
        return sorted(cosines.items(), key=lambda pair: -pair[1])[:depth]

    query = "Persoonsgegevens onherkenbaar in besluiten"  # no word in common with any record
    alone = [m.key for m in SimilarityEngine(items, dense=dense, options=EngineOptions(propagation=0.0)).rank(query)]
    spread = [m.key for m in SimilarityEngine(items, dense=dense).rank(query)]

    # the embedder put y, a registration of the same software as x, below the chatbot; x's wording lifts it
    assert alone[:3] == ["x", "z", "y"]
    assert spread.index("y") < spread.index("z")


def test_two_records_are_as_similar_whichever_of_them_is_the_query() -> None:
    index = SimilarityEngine(ITEMS).index
    a, c = index.position["a"], index.position["c"]

    a_finds_c = index.scores(index.query_weights(index.counts[a]))[c]
    c_finds_a = index.scores(index.query_weights(index.counts[c]))[a]

    # "who else uses this system" should not depend on which organisation asks (BM25 scores differ both ways)
    assert a_finds_c > 0 and math.isclose(a_finds_c, c_finds_a)
    assert math.isclose(index.scores(index.query_weights(index.counts[a]))[a], 1.0)


def test_a_record_beyond_the_embedders_nearest_fifty_is_ranked_by_its_words_alone() -> None:
    items = [Item(f"r{i}", f"Verktyg nummer {i} för ärende {i}") for i in range(80)]
    items.append(Item("match", "Chattbot som svarar invånare om bygglov"))
    order = [f"r{i}" for i in range(70)] + ["match"] + [f"r{i}" for i in range(70, 80)]
    cosines = {key: 0.90 - 0.002 * rank for rank, key in enumerate(order)}  # an embedder's close-lying cosines

    def dense(text: str, depth: int) -> list[tuple[str, float]]:
        return sorted(cosines.items(), key=lambda pair: -pair[1])[:depth]

    options = EngineOptions(propagation=0.0)
    ranked = SimilarityEngine(items, dense=dense, options=options).rank("Chattbot om bygglov", limit=60)
    found = next(m for m in ranked if m.key == "match")

    # 71st by meaning: no share of the dense score, only its words' (and those are the best match)
    assert found.dense_rank is None
    assert math.isclose(found.score, options.lexical_share)
    assert ranked[0].key == "match"
