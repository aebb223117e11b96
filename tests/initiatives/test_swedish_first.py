"""Swedish records first: the list shows Swedish initiatives with a visible switch to the rest of the world (and how
many it hides), anonymous visitors see no empty draft facet, and an empty search offers the knowledge support."""

from __future__ import annotations

import re
from typing import Any

from kraft.initiatives import services
from kraft.search import service
from kraft.search.documents import SearchDocument


def _publish(title: str, roles: Any, **extra: Any) -> Any:
    return services.create_initiative(
        "test", {"title": title, **extra}, lead_organisation=roles.organisation, publish=True
    )


def test_the_list_shows_swedish_records_with_a_switch_that_counts_the_hidden(client: Any, roles: Any) -> None:
    _publish("Talbot i hemtjänsten", roles)
    _publish("Chatbot for the city of Utrecht", roles, country="NL")
    page = client.get("/initiativ/").content.decode()
    assert "Talbot i hemtjänsten" in page and "Utrecht" not in page
    assert "1 initiativ från andra länder visas inte" in page and "country=all" in page
    everything = client.get("/initiativ/", {"country": "all"}).content.decode()
    assert "Talbot i hemtjänsten" in everything and "Utrecht" in everything and "Visa bara Sverige" in everything


def test_anonymous_visitors_see_no_empty_draft_facet(client: Any, roles: Any) -> None:
    _publish("Talbot i hemtjänsten", roles)
    page = client.get("/initiativ/").content.decode()
    assert not re.search(r"Utkast\s*<span[^>]*>\(0\)", page)


def test_an_empty_search_offers_the_knowledge_support(client: Any, roles: Any) -> None:
    _publish("Talbot i hemtjänsten", roles)
    service.index_documents([SearchDocument("passages", "77", "Plan- och bygglag 9 kap. 2 §", "Bygglov krävs för …")])
    page = client.get("/initiativ/", {"q": "bygglov"}).content.decode()
    assert "Inga initiativ matchar" in page
    assert "/kunskap/?fraga=bygglov" in page
    assert "1 träff i Kunskap" in page and "samling=passages" in page
