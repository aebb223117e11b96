"""The contract every search backend passes (after Wagtail/modelsearch's ``BackendTests``).

A test module subclasses ``BackendContract`` and provides a ``backend`` fixture; the suite runs once on SQLite and
once on PostgreSQL, so each database's backend is held to the same behaviour.
"""

from __future__ import annotations

from typing import Any

import pytest

from kraft.search.documents import ORGANISATION, PUBLIC, SHARED, SearchDocument, SearchQuery, Viewer

ANONYMOUS = Viewer()
MEMBER_OF_1 = Viewer(organisation_ids=frozenset({1}))
MEMBER_OF_2 = Viewer(organisation_ids=frozenset({2}))
MEMBER_OF_3 = Viewer(organisation_ids=frozenset({3}))
STAFF = Viewer(is_staff=True)


def doc(key: str, title: str, body: str = "", **extra: Any) -> SearchDocument:
    extra.setdefault("collection", "things")
    return SearchDocument(key=key, title=title, body=body, **extra)


def keys(backend: Any, text: str = "", **query: Any) -> list[str]:
    query.setdefault("collection", "things")
    return [hit.key for hit in backend.search(SearchQuery(text=text, **query)).hits]


@pytest.mark.django_db
class BackendContract:
    backend: Any

    def test_a_document_is_found_by_a_word_of_its_body(self, backend: Any) -> None:
        backend.index([doc("1", "Chattbot", "Växeln svarar med hjälp av en chattbot dygnet runt.")])
        assert keys(backend, "dygnet") == ["1"]
        assert keys(backend, "cykel") == []

    def test_inflected_forms_find_each_other(self, backend: Any) -> None:
        backend.index([doc("1", "Kommunerna", "Kommunernas gemensamma arbete med bidragen.")])
        assert keys(backend, "kommun bidrag") == ["1"]

    def test_indexing_a_key_again_replaces_the_old_text(self, backend: Any) -> None:
        backend.index([doc("1", "Gammal rubrik", "ekorre")])
        backend.index([doc("1", "Ny rubrik", "hermelin")])
        assert keys(backend, "ekorre") == []
        assert keys(backend, "hermelin") == ["1"]
        assert backend.search(SearchQuery("things", "hermelin")).hits[0].title == "Ny rubrik"

    def test_a_ranking_reflects_what_this_process_indexed_just_before(self, backend: Any) -> None:
        from kraft.search.backends import create_backend

        backend.index([doc("1", "Skolskjuts", "skolskjuts på landet"), doc("2", "Bildanalys", "skolskjuts")])
        first = backend.search(SearchQuery("things", "skolskjuts")).hits[0].score
        long = " ".join(["mycket text om annat än resor"] * 200)
        backend.index([doc(str(n), f"Dokument {n}", long) for n in range(3, 40)])  # the mean length grows
        again = backend.search(SearchQuery("things", "skolskjuts")).hits[0].score
        fresh = create_backend("default").search(SearchQuery("things", "skolskjuts")).hits[0].score
        assert again == pytest.approx(fresh)  # no statistic remembered from before the write
        assert again != pytest.approx(first)

    def test_deleted_documents_are_no_longer_found(self, backend: Any) -> None:
        backend.index([doc("1", "Skolskjuts"), doc("2", "Skolskjuts på landet")])
        backend.delete("things", ["1"])
        assert keys(backend, "skolskjuts") == ["2"]

    def test_collections_do_not_mix(self, backend: Any) -> None:
        backend.index([doc("1", "Skolskjuts"), doc("1", "Skolskjuts", collection="other")])
        backend.delete("other", ["1"])
        assert keys(backend, "skolskjuts") == ["1"]
        assert keys(backend, "skolskjuts", collection="other") == []

    def test_title_matches_rank_above_body_matches(self, backend: Any) -> None:
        backend.index(
            [
                doc("body", "Om kommunen", "Här nämns bildanalys i förbigående bland mycket annat om annat."),
                doc("title", "Bildanalys av vägskador", "Kameror på sopbilarna fotograferar vägbanan."),
            ]
        )
        assert keys(backend, "bildanalys") == ["title", "body"]

    def test_filters_keep_only_documents_with_any_of_the_values(self, backend: Any) -> None:
        backend.index(
            [
                doc("1", "Chattbot i vården", attributes={"area": ("vard",), "stage": ("pilot",)}),
                doc("2", "Chattbot i skolan", attributes={"area": ("skola",), "stage": ("pilot",)}),
                doc("3", "Chattbot för bygglov", attributes={"area": ("bygg",), "stage": ("i_drift",)}),
            ]
        )
        assert sorted(keys(backend, "chattbot", filters={"area": ("vard", "skola")})) == ["1", "2"]
        assert keys(backend, "chattbot", filters={"area": ("vard", "skola"), "stage": ("i_drift",)}) == []
        assert keys(backend, "", filters={"stage": ("i_drift",)}) == ["3"]

    def test_kind_and_language_are_filters_too(self, backend: Any) -> None:
        backend.index([doc("1", "Robot", kind="a", language="sv"), doc("2", "Robot", kind="b", language="en")])
        assert keys(backend, "robot", filters={"kind": ("b",)}) == ["2"]
        assert keys(backend, "robot", filters={"language": ("sv",)}) == ["1"]

    @pytest.mark.parametrize(
        ("viewer", "expected"),
        [
            (ANONYMOUS, ["public"]),
            (MEMBER_OF_1, ["org1", "public", "shared1"]),
            (MEMBER_OF_2, ["public", "shared1"]),
            (MEMBER_OF_3, ["public"]),
            (STAFF, ["org1", "public", "shared1"]),
        ],
    )
    def test_each_viewer_sees_only_what_they_may(self, backend: Any, viewer: Viewer, expected: list[str]) -> None:
        backend.index(
            [
                doc("public", "Hemligt projekt offentligt", visibility=PUBLIC),
                doc("org1", "Hemligt projekt internt", organisation_id=1, visibility=ORGANISATION),
                doc("shared1", "Hemligt projekt delat", organisation_id=1, visibility=SHARED, shared_with=(2,)),
            ]
        )
        assert sorted(keys(backend, "hemligt projekt", viewer=viewer)) == expected
        assert sorted(keys(backend, "", viewer=viewer)) == expected
        result = backend.search(SearchQuery("things", "projekt", viewer=viewer, facets=("kind",)))
        assert result.total == len(expected)

    def test_snippets_mark_matched_words_and_escape_html(self, backend: Any) -> None:
        body = "Inledning <script>x</script>. " + "Fyllnad. " * 40 + "Här beskrivs hemtjänsten & <b>dess</b> planering."
        backend.index([doc("1", "Planering", body)])
        snippet = backend.search(SearchQuery("things", "hemtjänst")).hits[0].snippet
        assert "<mark>hemtjänsten</mark>" in snippet
        assert "&amp;" in snippet and "&lt;b&gt;" in snippet
        assert "<script>" not in snippet and "<b>" not in snippet

    def test_pages_split_the_results_and_total_counts_them_all(self, backend: Any) -> None:
        backend.index([doc(str(n), f"Cykelväg {n:02d}", "cykelväg " * (n + 1)) for n in range(25)])
        first = backend.search(SearchQuery("things", "cykelväg", page=1, page_size=10))
        third = backend.search(SearchQuery("things", "cykelväg", page=3, page_size=10))
        beyond = backend.search(SearchQuery("things", "cykelväg", page=9, page_size=10))
        assert (first.total, len(first.hits)) == (25, 10)
        assert (third.total, len(third.hits)) == (25, 5)
        assert beyond.hits == [] and beyond.total == 25
        seen = {
            h.key
            for p in (1, 2, 3)
            for h in backend.search(SearchQuery("things", "cykelväg", page=p, page_size=10)).hits
        }
        assert len(seen) == 25
        browse = backend.search(SearchQuery("things", "", page=2, page_size=10))
        assert browse.total == 25 and [h.title for h in browse.hits][0] == "Cykelväg 10"

    def test_facets_count_values_over_the_filtered_results(self, backend: Any) -> None:
        backend.index(
            [
                doc("1", "Chattbot", attributes={"area": ("vard", "skola"), "county": ("22",)}),
                doc("2", "Chattbot", attributes={"area": ("vard",), "county": ("23",)}),
                doc("3", "Chattbot", attributes={"area": ("bygg",), "county": ("22",)}),
                doc("4", "Bildanalys", attributes={"area": ("bygg",), "county": ("22",)}),
            ]
        )
        result = backend.search(
            SearchQuery("things", "chattbot", filters={"county": ("22",)}, facets=("area", "county"))
        )
        assert result.total == 2
        assert result.facets == {"area": {"bygg": 1, "skola": 1, "vard": 1}, "county": {"22": 2}}

    def test_compound_words_are_found_by_their_parts_and_the_reverse(self, backend: Any) -> None:
        backend.index(
            [
                doc("insatser", "Schemaläggning", "Planering av hemtjänstinsatser med AI."),
                doc("aldre", "Trygghet", "Sensorer ger bättre omsorg om äldre i ordinärt boende."),
                doc("annat", "Parkering", "Parkeringsövervakning med kameror."),
            ]
        )
        assert keys(backend, "hemtjänst") == ["insatser"]
        assert keys(backend, "äldreomsorg") == ["aldre"]
        assert keys(backend, "insatser i hemtjänsten") == ["insatser"]

    def test_legal_references_and_sfs_numbers_are_searchable(self, backend: Any) -> None:
        backend.index(
            [
                doc("sol", "Socialtjänstlagen (2001:453)", "Enligt 2 kap. 1 § ansvarar kommunen."),
                doc("kl", "Kommunallagen (2017:725)", "Enligt 4 kap. 1 § gäller annat."),
            ]
        )
        assert keys(backend, "2001:453") == ["sol"]
        assert keys(backend, "2 kap. 1 §") == ["sol"]

    def test_a_query_of_only_stop_words_finds_nothing(self, backend: Any) -> None:
        backend.index([doc("1", "Och det att", "och det att i en")])
        assert backend.search(SearchQuery("things", "och det")).total == 0
