"""Initiatives in the search port: Swedish full-text matching, facet attributes, and drafts kept private."""

from __future__ import annotations

import pytest

from kraft.initiatives import services
from kraft.search import service
from kraft.search.documents import SearchQuery
from tests.initiatives.helpers import chatbot


def _keys(user, text: str, **filters) -> set[str]:
    query = SearchQuery("initiatives", text, viewer=service.viewer_for(user), filters=filters, page_size=50)
    return {hit.key for hit in service.search(query).hits}


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("anonymous", False),
        ("outsider", False),
        ("other_admin", False),
        ("member", True),
        ("editor", True),
        ("staff", True),
    ],
)
def test_drafts_reach_only_members_through_the_search_port(roles, role, sees) -> None:
    draft = chatbot(roles.editor, roles.organisation, title="Hemlig växelrobot")
    assert (str(draft.pk) in _keys(roles.by_name(role), "växelrobot")) is sees
    services.publish_initiative(roles.editor, draft)
    assert str(draft.pk) in _keys(roles.by_name(role), "växelrobot")


def test_the_index_follows_edits_and_carries_facet_attributes(roles) -> None:
    initiative = chatbot(roles.editor, roles.organisation, publish=True)
    assert str(initiative.pk) in _keys(None, "chattbot", area=("medborgarservice",), evaluated=("1",), county=("22",))
    services.update_initiative(roles.editor, initiative, {"title": "Röstassistent i växeln"}, initiative.version)
    assert str(initiative.pk) in _keys(None, "röstassistent")
    assert str(initiative.pk) not in _keys(None, "röstassistent", area=("skola-och-utbildning",))


def test_swedish_compounds_are_found_from_their_parts(client, roles) -> None:
    services.create_initiative(
        roles.editor,
        {"title": "Schemaläggning", "description": "Planering av hemtjänstinsatser med optimering."},
        lead_organisation=roles.organisation,
        publish=True,
    )
    page = client.get("/initiativ/?q=hemtjänst").content.decode()
    assert "Schemaläggning" in page
