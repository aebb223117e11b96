"""Organisations are found through the search port: by name, county, kind and description, approved only."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from kraft.organisations.models import Organisation
from kraft.organisations.search import matching_organisation_ids, search_organisations
from kraft.search import service
from kraft.search.models import SearchEntry


@pytest.mark.django_db
def test_reindex_command_indexes_every_approved_organisation() -> None:
    call_command("reindex", collection="organisations", verbosity=0)
    approved = Organisation.objects.filter(status=Organisation.Status.APPROVED).count()
    assert SearchEntry.objects.filter(collection="organisations").count() == approved == 310


@pytest.mark.django_db
def test_searching_a_name_finds_the_municipality_first() -> None:
    result = search_organisations(None, "Sundsvall")
    assert result.hits[0].title == "Sundsvalls kommun"


@pytest.mark.django_db
def test_county_and_kind_filters_and_facets() -> None:
    result = search_organisations(None, "", counties=["22"], kinds=["kommun"], page_size=50)
    assert result.total == 7  # Västernorrlands län has seven municipalities
    assert result.facets["kind"] == {"kommun": 7}
    everything = search_organisations(None, "", page_size=1)
    assert everything.facets["kind"] == {"kommun": 290, "region": 20}


@pytest.mark.django_db
def test_pending_organisations_stay_out_and_approval_brings_them_in() -> None:
    association = Organisation.objects.create(
        name="Föreningen Äldrekraft", kind=Organisation.Kind.CIVIL_SOCIETY, description="Stöd till äldreomsorgen"
    )
    search_organisations(None, "")  # builds the index
    service.index_object(association)
    assert search_organisations(None, "äldrekraft").total == 0
    association.status = Organisation.Status.APPROVED
    association.save()
    service.index_object(association)
    assert [h.title for h in search_organisations(None, "äldrekraft").hits] == ["Föreningen Äldrekraft"]
    service.remove_object(association)
    assert search_organisations(None, "äldrekraft").total == 0


@pytest.mark.django_db
def test_matching_ids_rank_organisations_for_the_list_page() -> None:
    ids = matching_organisation_ids("Region Västernorrland")
    assert Organisation.objects.get(pk=ids[0]).name == "Region Västernorrland"
    assert matching_organisation_ids("kommunerna i västernorrland")  # inflected and lowercased still match


@pytest.mark.django_db
def test_reindex_reports_counts_and_refuses_unknown_collections() -> None:
    out = io.StringIO()
    call_command("reindex", collection="organisations", stdout=out)
    assert "organisations: 310 dokument indexerade" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("reindex", collection="finns-inte", verbosity=0)
