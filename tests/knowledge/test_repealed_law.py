"""Repealed law is flagged wherever it shows: library lists, document pages, search hits (page and API), answers.

``repealed`` comes from the source: its ``status`` or a description such as "Upphävd 2018-05-25 genom SFS 2018:218".
"""

from __future__ import annotations

import json
from typing import Any

from django.urls import reverse

from kraft.knowledge import services
from kraft.knowledge.demo import LAW_DIR
from kraft.knowledge.models import Document, Library, Passage
from tests.knowledge import files

REPEALED = {
    "personuppgiftslagen.json": "Upphävd 2018-05-25 genom SFS 2018:218",
    "lou-2007.json": "Upphävd 2017-01-01 genom SFS 2016:1145",
    "socialtjanstlagen.json": "Upphävd 2025-07-01 genom SFS 2025:400",
}


def _import(library: Library, *names: str) -> dict[str, Document]:
    return {name: services.import_statute(library, LAW_DIR / name) for name in names}


def test_pul_lou_2007_and_sol_2001_are_flagged_in_the_library_and_on_their_pages(
    client: Any, national_library: Library
) -> None:
    documents = _import(national_library, *REPEALED, "dataskyddslagen.json")
    listing = client.get(national_library.get_absolute_url()).content.decode()
    for name, note in REPEALED.items():
        document = documents[name]
        assert document.repealed and document.repealed_note == note
        row = listing[listing.index(document.title) :].split("</tr>", 1)[0]
        assert "Upphävd" in row
        page = client.get(document.get_absolute_url()).content.decode()
        assert "Författningen är upphävd" in page and note in page
    assert not documents["dataskyddslagen.json"].repealed
    pul_page = client.get(documents["personuppgiftslagen.json"].get_absolute_url()).content.decode()
    assert documents["dataskyddslagen.json"].get_absolute_url() in pul_page  # "Gällande lag: …" (SFS 2018:218)


def test_search_hits_of_repealed_law_are_flagged_on_the_page_and_in_the_api(
    client: Any, national_library: Library
) -> None:
    _import(national_library, "personuppgiftslagen.json", "dataskyddslagen.json")
    api = client.get("/api/v1/search/", {"q": "personuppgifter", "collection": "passages", "page_size": 50}).json()
    flags = {hit["title"]: hit["flags"] for hit in api["results"]}
    assert any(title.startswith("Personuppgiftslag (1998:204)") and f == ["repealed"] for title, f in flags.items())
    assert all(f == [] for title, f in flags.items() if not title.startswith("Personuppgiftslag"))
    page = client.get(reverse("search:search"), {"q": "personuppgiftslag 3 §", "samling": "passages"}).content
    hit = page.decode().split("Personuppgiftslag (1998:204) 3 §", 1)[1].split("</h3>", 1)[0]
    assert "Upphävd" in hit


def test_answer_sources_flag_repealed_law(client: Any, national_library: Library) -> None:
    _import(national_library, "personuppgiftslagen.json")
    response = client.post(reverse("knowledge:ask"), {"question": "Vad är en personuppgift enligt PUL?"}, follow=True)
    page = response.content.decode()
    assert "Personuppgiftslag (1998:204)" in page
    assert "upphävd" in page


def test_a_description_saying_upphävd_marks_the_statute_repealed(national_library: Library) -> None:
    data = json.loads(files.statute("2099:5"))
    data["description"] = "Upphävd 2020-01-01 genom SFS 2019:1"
    document = services.import_statute(national_library, json.dumps(data).encode())
    assert document.repealed and document.repealed_note == "Upphävd 2020-01-01 genom SFS 2019:1"
    assert Passage.objects.filter(document=document).exists()
