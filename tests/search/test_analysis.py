"""Swedish analysis on real words: tokens, stop words, stems and hunspell compound parts."""

from __future__ import annotations

import pytest

from kraft.search.analysis import get_analyzer
from kraft.search.analysis.compounds import get_splitter
from kraft.search.analysis.tokenizer import tokenize


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("äldreomsorgen", ("äldre", "omsorgen")),
        ("hemtjänstinsatser", ("hemtjänst", "insatser")),
        ("socialnämndens", ("social", "nämndens")),
        ("biståndshandläggare", ("bistånd", "handläggare")),  # linking -s removed
        ("förskoleklass", ("förskole", "klass")),
        ("kollektivtrafiken", ("kollektiv", "trafiken")),
        ("personuppgiftsbehandling", ("personuppgift", "behandling")),
    ],
)
def test_hunspell_splits_real_compounds(word: str, parts: tuple[str, ...]) -> None:
    assert get_splitter()(word) == parts


@pytest.mark.parametrize("word", ["kommunerna", "regeringen", "arbetsmarknad"[:7], "ab"])
def test_words_that_are_not_compounds_or_too_short_are_left_whole(word: str) -> None:
    assert get_splitter()(word) == ()


def test_index_terms_hold_the_stemmed_word_and_its_stemmed_parts() -> None:
    terms = get_analyzer().index_terms("Biståndshandläggare och äldreomsorgen")
    assert terms == ["biståndshandlägg", "bistånd", "handlägg", "äldreomsorg", "äldr", "omsorg"]


def test_query_terms_weigh_parts_lower_than_the_word() -> None:
    weights = {t.term: t.weight for t in get_analyzer().query_terms("äldreomsorg")}
    assert weights["äldreomsorg"] == 1.0
    assert weights["omsorg"] < 1.0 and weights["äldr"] < 1.0


def test_letters_å_ä_ö_stay_distinct() -> None:
    analyzer = get_analyzer()
    assert analyzer.index_terms("Får") != analyzer.index_terms("far")
    assert analyzer.index_terms("ÖL") == analyzer.index_terms("öl")
    assert analyzer.index_terms("här")[0:1] != analyzer.index_terms("har")[0:1] or analyzer.index_terms("har") == []


def test_snowball_stop_words_are_dropped() -> None:
    assert get_analyzer().index_terms("och det är att för som i en") == []


def test_legal_references_sfs_numbers_numbers_and_abbreviations_are_single_tokens() -> None:
    texts = [t.text for t in tokenize("Se 2 kap. 1 § och 4 a § i lagen (2001:453), t.ex. 3 kap. och 12,5 procent.")]
    assert texts == [
        "se",
        "2kap1par",
        "och",
        "4apar",
        "i",
        "lagen",
        "sfs2001n453",
        "tex",
        "3kap",
        "och",
        "12d5",
        "procent",
    ]


def test_a_legal_reference_is_found_by_its_chapter_alone() -> None:
    assert "2kap" in get_analyzer().index_terms("enligt 2 kap. 1 § socialtjänstlagen")
    assert [t.term for t in get_analyzer().query_terms("2 kap. 1 §")] == ["2kap1par"]


def test_analysis_is_deterministic() -> None:
    text = "Kollektivtrafiken och personuppgiftsbehandling i förskoleklass"
    assert get_analyzer().index_terms(text) == get_analyzer().index_terms(text)
