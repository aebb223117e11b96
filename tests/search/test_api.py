"""``/api/v1/search/``: ranked, snippeted results that respect visibility; bad input is a 400."""

from __future__ import annotations

from typing import Any

import pytest

from kraft.search import service
from kraft.search.documents import ORGANISATION, PUBLIC, SearchDocument


@pytest.fixture
def indexed(roles: Any) -> Any:
    service.index_documents(
        [
            SearchDocument("initiatives", "1", "Trygg natt", "Bättre omsorg om äldre med sensorer.", visibility=PUBLIC),
            SearchDocument(
                "initiatives",
                "2",
                "Intern pilot",
                "Äldreomsorgen testar taligenkänning.",
                organisation_id=roles.organisation.pk,
                visibility=ORGANISATION,
            ),
        ]
    )
    return roles


def test_anonymous_callers_get_public_hits_with_marked_snippets(client: Any, indexed: Any) -> None:
    data = client.get("/api/v1/search/", {"q": "äldreomsorg"}).json()
    assert data["count"] == 1 and data["results"][0]["key"] == "1"
    assert "<mark>omsorg</mark>" in data["results"][0]["snippet"]


def test_members_also_get_their_organisations_private_hits(client: Any, indexed: Any) -> None:
    client.force_login(indexed.member)
    data = client.get("/api/v1/search/", {"q": "äldreomsorg"}).json()
    assert {hit["key"] for hit in data["results"]} == {"1", "2"}


@pytest.mark.parametrize(
    "params", [{"collection": "nope"}, {"page": 0}, {"page_size": 5000}, {"mode": "magic"}, {"page": "x"}]
)
def test_malformed_queries_are_rejected_with_a_client_error(client: Any, db: None, params: dict[str, Any]) -> None:
    response = client.get("/api/v1/search/", {"q": "test", **params})
    assert response.status_code in (400, 422)
    assert "detail" in response.json()
