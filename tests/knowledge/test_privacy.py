"""A private library's documents and passages never reach another organisation: pages, API and search, per role."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from kraft.knowledge.models import Document
from kraft.search import service as search_service
from kraft.search.documents import SearchQuery
from tests.factories import ROLE_NAMES

# Who may read Sundsvall's private library: its members of any role, and platform staff.
ALLOWED = {"member", "editor", "admin", "staff"}
SECRET = "kvastfeningen"


def login(client: Any, roles: Any, role: str) -> Any:
    person = roles.by_name(role)
    if person is not None:
        client.force_login(person)
    return person


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_private_library_passages_never_reach_other_organisations(
    client: Any, roles: Any, secret_document: Document, role: str
) -> None:
    person = login(client, roles, role)
    allowed = role in ALLOWED
    library = secret_document.library
    passage = secret_document.passages.first()
    assert passage is not None

    # Pages
    pages = [
        library.get_absolute_url(),
        secret_document.get_absolute_url(),
        passage.get_absolute_url(),
        reverse("knowledge:document_status", args=[secret_document.pk]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == (200 if allowed else 404), url
        assert (SECRET in response.content.decode()) == (allowed and url != pages[-1] and url != pages[0])
    listing = client.get(reverse("knowledge:libraries")).content.decode()
    assert (library.name in listing) == allowed

    # API
    for url in [
        f"/api/v1/libraries/{library.pk}",
        f"/api/v1/documents/{secret_document.pk}",
        f"/api/v1/documents/{secret_document.pk}/passages",
        f"/api/v1/documents?library={library.pk}",
    ]:
        response = client.get(url)
        assert response.status_code == (200 if allowed else 404), url
    libraries = client.get("/api/v1/libraries?page_size=200").json()["results"]
    assert (library.pk in [item["id"] for item in libraries]) == allowed
    documents = client.get("/api/v1/documents?page_size=200").json()["results"]
    assert (secret_document.pk in [item["id"] for item in documents]) == allowed

    # Search, as the answers use it
    viewer = search_service.viewer_for(person if person is not None else _anonymous())
    hits = search_service.search(SearchQuery("passages", SECRET, viewer=viewer)).hits
    assert (str(passage.pk) in {hit.key for hit in hits}) == allowed


def _anonymous() -> Any:
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_nobody_outside_the_organisation_can_write(
    client: Any, roles: Any, secret_document: Document, role: str
) -> None:
    login(client, roles, role)
    editors = {"editor", "admin", "staff"}
    response = client.post(reverse("knowledge:document_delete", args=[secret_document.pk]))
    if role in editors:
        assert response.status_code == 302
    else:
        assert response.status_code in (302, 403, 404) and Document.objects.filter(pk=secret_document.pk).exists()
        if role != "anonymous":
            assert response.status_code == (403 if role in ALLOWED else 404)


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_a_cited_paragraph_is_pinned_only_where_the_viewer_may_see_it(
    client: Any, roles: Any, national_library: Any, private_library: Any, role: str
) -> None:
    from kraft.knowledge import services
    from kraft.knowledge.demo import LAW_DIR

    public = services.import_statute(national_library, LAW_DIR / "lss.json")
    private = services.import_statute(private_library, LAW_DIR / "lss.json")
    login(client, roles, role)
    public_key, private_key = (str(statute.passages.get(section="10").pk) for statute in (public, private))
    found = client.get("/api/v1/search/", {"q": "10 § LSS", "collection": "passages"}).json()["results"]
    keys = {hit["key"] for hit in found}
    assert found[0]["key"] in {public_key, private_key} and public_key in keys
    assert (private_key in keys) == (role in ALLOWED)
    page = client.get(reverse("search:search"), {"q": "10 § LSS", "samling": "passages"}).content.decode()
    assert page.count("funktionshindrade, 10 §") == (2 if role in ALLOWED else 1)
