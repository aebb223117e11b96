"""Citations in free text, resolved with names learnt from the bundled statutes' own titles."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from kraft.knowledge import services
from kraft.knowledge.citations import Citation, Statute, Vocabulary, parse_citations, statute_mentions
from tests.factories import RoleSet

LAW = Path(__file__).resolve().parents[2] / "src" / "kraft" / "knowledge" / "data" / "law"
EU = [
    Statute(
        "2016/679",
        "Europaparlamentets och rådets förordning (EU) 2016/679 om skydd för fysiska personer med avseende på "
        "behandling av personuppgifter (allmän dataskyddsförordning)",
        names=("General Data Protection Regulation",),
    ),
    Statute(
        "2024/1689",
        "Europaparlamentets och rådets förordning (EU) 2024/1689 om harmoniserade regler för artificiell intelligens",
        names=("Artificial Intelligence Act",),
    ),
]


@lru_cache(maxsize=1)
def bundled() -> Vocabulary:
    statutes = []
    for path in sorted(LAW.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("type") == "statute":
            statutes.append(Statute(data["id"], data["title"], repealed=data.get("status") == "repealed"))
    return Vocabulary.from_statutes(statutes + EU)


def one(text: str) -> Citation:
    found = parse_citations(text, bundled())
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("name", "sfs"),
    [
        ("OSL", "2009:400"),  # Offentlighets- och sekretesslag: initials of both conjuncts and the head
        ("LSS", "1993:387"),  # Lag om stöd och service …: kind first, then content words
        ("PBL", "2010:900"),
        ("TF", "1949:105"),  # tryckfrihet|förordning
        ("FL", "2017:900"),  # förvaltningslag (försäkringsavtalslag reads FAL, its compound parts)
        ("LOU", "2016:1145"),  # the law in force, not the repealed 2007 one with the same title
        ("LVU", "1990:52"),  # "… om vård av unga": the words after the last "om"
        ("LAS", "1982:80"),  # anställning|skydd
        ("AML", "1977:1160"),  # arbets|miljö|lag
        ("UL", "2005:716"),
        ("RF", "1974:152"),  # the statute's name at the end of its title ("… om beslutad ny regeringsform")
        ("GDPR", "2016/679"),  # from the regulation's English name
    ],
)
def test_abbreviations_are_learnt_from_titles(name: str, sfs: str) -> None:
    assert bundled().resolve(name) == sfs


def test_established_abbreviations_fill_in_where_derivation_cannot() -> None:
    vocabulary = bundled()

    assert vocabulary.resolve("SoL") == "2025:400"  # the habits give SL, claimed by many laws; in force wins
    assert vocabulary.resolve("KL") == "2017:725"
    assert vocabulary.resolve("AI-förordningen") == "2024/1689"
    assert vocabulary.resolve("dataskyddsförordningen") == "2016/679"  # not the Swedish supplementary act


def test_an_ambiguous_derived_abbreviation_resolves_to_nothing() -> None:
    assert bundled().resolve("SL") == ""


def test_chapter_section_and_abbreviation_after() -> None:
    citation = one("Enligt 2 kap. 12 § TF får handlingen lämnas ut.")

    assert (citation.statute, citation.chapter, citation.section) == ("1949:105", "2", "12")
    assert citation.text == "2 kap. 12 §"
    assert citation.label() == "1949:105 2 kap. 12 §"


def test_full_inflected_name_after_the_reference() -> None:
    citation = one("26 kap. 1 § offentlighets- och sekretesslagen gäller inom socialtjänsten")

    assert (citation.statute, citation.chapter, citation.section) == ("2009:400", "26", "1")


def test_abbreviation_before_section_and_colon_form() -> None:
    assert (one("FL 44 §").statute, one("FL 44 §").section) == ("2017:900", "44")
    citation = one("se OSL 26:1")
    assert (citation.statute, citation.chapter, citation.section) == ("2009:400", "26", "1")


def test_lagen_om_form_letter_sections_stycke_and_punkt() -> None:
    assert one("9 c § lagen om stöd och service till vissa funktionshindrade").section == "9 c"
    assert one("4a § LSS").section == "4 a"
    citation = one("12 kap. 5 § första stycket 2 p. i SoL")
    assert (citation.statute, citation.paragraph, citation.point) == ("2025:400", "1", "2")


@pytest.mark.parametrize(
    ("text", "statute", "article", "paragraph", "point"),
    [
        ("artikel 6.3 AI-förordningen", "2024/1689", "6", "3", ""),
        ("Article 9(2)(g) GDPR", "2016/679", "9", "2", "g"),
        ("dataskyddsförordningens artikel 9.2 g", "2016/679", "9", "2", "g"),
        ("artikel 22 i dataskyddsförordningen", "2016/679", "22", "", ""),
        # how Swedish statutes cite it (lag 2018:218 2 kap. 1 §)
        ("med stöd av artikel 6.1 c i EU:s dataskyddsförordning", "2016/679", "6", "1", "c"),
    ],
)
def test_eu_articles(text: str, statute: str, article: str, paragraph: str, point: str) -> None:
    citation = one(text)

    assert (citation.statute, citation.article, citation.paragraph, citation.point) == (
        statute,
        article,
        paragraph,
        point,
    )


def test_a_reference_that_names_no_known_statute_keeps_its_numbers() -> None:
    citation = one("Vad står i 3 kap. 4 §?")

    assert (citation.statute, citation.chapter, citation.section) == ("", "3", "4")


def test_sfs_numbers_and_plain_numbers_are_not_paragraphs() -> None:
    assert parse_citations("Lagen (2009:400) trädde i kraft 2009.", bundled()) == []
    assert parse_citations("Mötet börjar 10:30.", bundled()) == []


def test_statute_mentions_by_name_abbreviation_and_number() -> None:
    text = "Gäller socialtjänstlagen, LOU eller SFS 2009:400 när man inte får vara jävig?"

    assert statute_mentions(text, bundled()) == ["2025:400", "2016:1145", "2009:400"]


def test_a_year_after_the_name_picks_the_old_law_of_that_name() -> None:
    vocabulary = bundled()

    assert statute_mentions("enligt socialtjänstlagen", vocabulary) == ["2025:400"]
    assert statute_mentions("enligt den gamla socialtjänstlagen från 2001", vocabulary) == ["2001:453"]


def test_ordinary_words_are_not_abbreviations() -> None:
    # "lov" and "sol" are Swedish words; abbreviations match only as written (LOV, SoL).
    assert statute_mentions("Får man ha lov att sitta i solen?", bundled()) == []


def test_without_a_vocabulary_the_public_statutes_in_the_database_are_used(
    roles: RoleSet, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    library = services.create_library(roles.staff, name="Svensk författningssamling", organisation=None)
    assert parse_citations("2 kap. 15 § TF") == [Citation("", "2", "15", start=0, end=11, text="2 kap. 15 §")]

    services.import_statute(library, LAW / "tryckfrihetsforordningen.json", roles.staff, sync=True)

    assert [c.label() for c in parse_citations("2 kap. 15 § TF")] == ["1949:105 2 kap. 15 §"]
