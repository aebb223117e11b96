"""In a real browser: upload with progress, a highlighted passage, and axe on every library page in sv and en."""

from __future__ import annotations

from typing import Any

import pytest

from kraft.knowledge import services
from kraft.knowledge.models import Document, Library, Passage
from tests.conftest import login_in_browser, run_axe
from tests.knowledge import files

pytestmark = pytest.mark.browser


def test_editor_uploads_a_file_and_sees_it_read(page: Any, roles: Any) -> None:
    library = services.create_library(roles.editor, name="Rutiner", organisation=roles.organisation)
    login_in_browser(page, "redaktor")
    page.goto(library.get_absolute_url())
    page.set_input_files(
        "#id_file", files={"name": "rutin.docx", "mimeType": "application/octet-stream", "buffer": files.docx()}
    )
    page.click("form[action$='/ladda-upp/'] button[type=submit]")
    page.wait_for_url("**/kunskap/dokument/*/")
    page.wait_for_selector("text=tio arbetsdagar")  # ingestion ran (immediately in tests), passages are shown
    assert Document.objects.get(library=library).status == Document.Status.READY


def with_language(url: str, language: str) -> str:
    path, _, fragment = url.partition("#")
    path += ("&" if "?" in path else "?") + f"lang={language}"
    return f"{path}#{fragment}" if fragment else path


@pytest.mark.parametrize("language", ["sv", "en"])
def test_library_pages_have_no_axe_violations(page: Any, roles: Any, language: str) -> None:
    national = services.create_library(roles.staff, name="Svensk lag", organisation=None)
    statute = services.import_statute(national, files.statute("2099:1"))
    private = services.create_library(
        roles.editor,
        name="Delade riktlinjer",
        organisation=roles.organisation,
        visibility=Library.Visibility.SHARED,
        shared_with=[roles.other_organisation],
    )
    guidance = services.import_document(private, files.MARKDOWN.encode(), "distans.md")
    failed = services.import_document(private, files.encrypted_pdf(), "hemlig.pdf")
    assert failed.status == Document.Status.FAILED
    queued = services.import_document(private, files.TEXT.encode(), "policy.txt", sync=False)
    regulation = services.import_statute(national, files.eu_regulation())  # English text, EUR-Lex links, a gap
    repealed = services.import_statute(national, files.statute("2099:2", status="repealed"))
    passage = Passage.objects.filter(document=statute).order_by("ordinal").last()
    assert passage is not None
    login_in_browser(page, "redaktor")
    pages = [
        "/kunskap/bibliotek/",
        national.get_absolute_url(),
        private.get_absolute_url(),
        f"/kunskap/bibliotek/{private.pk}/andra/",
        "/kunskap/bibliotek/nytt/",
        passage.get_absolute_url(),
        regulation.get_absolute_url(),
        repealed.get_absolute_url(),
        "/sok/?q=avgift&samling=passages",
        guidance.get_absolute_url(),
        failed.get_absolute_url(),
        queued.get_absolute_url(),
        f"/kunskap/dokument/{guidance.pk}/andra/",
        f"/kunskap/dokument/{guidance.pk}/ta-bort/",
        f"{private.get_absolute_url()}?q=distansarbete",
    ]
    for url in pages:
        page.goto(with_language(url, language))
        assert page.locator("html").get_attribute("lang") == language
        assert run_axe(page) == [], url
    page.goto(with_language(private.get_absolute_url(), language))
    page.click("form[action$='/ladda-upp/'] button[type=submit]")  # no file: the form shows its errors
    page.wait_for_selector("#error-summary")
    assert run_axe(page) == [], "upload form with errors"
