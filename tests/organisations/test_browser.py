"""In a real browser: the join journey with its audit trail, and axe-core on every page of these apps (sv, en)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core import mail

from kraft.organisations import services
from kraft.organisations.models import Membership
from tests import factories
from tests.conftest import login_in_browser, run_axe

pytestmark = pytest.mark.browser


def test_person_signs_up_joins_and_admin_makes_them_editor_and_the_trail_shows_each_step(page: Any, roles: Any) -> None:
    page.goto("/konto/skapa-konto/")
    for field, value in {
        "username": "anna",
        "first_name": "Anna",
        "last_name": "Andersson",
        "email": "anna@sundsvall.se",
        "password1": "Ett-langt-losenord-42",
        "password2": "Ett-langt-losenord-42",
    }.items():
        page.fill(f"#id_{field}", value)
    page.click("form.signup-form button[type=submit]")
    page.wait_for_url("**/mitt-arbete/")
    assert "Bekräfta e-postadressen" in page.inner_text("main")  # the one next step

    page.goto(f"/organisationer/{roles.organisation.pk}/")
    page.fill("#id_message", "Digitaliseringsstrateg på kommunledningskontoret")
    page.click("form.join-form button[type=submit]")
    assert "Bekräfta din e-postadress först" in page.inner_text("main")  # not before the address is proven
    assert not Membership.objects.filter(user__username="anna").exists()
    link = re.search(r"https?://\S+/konto/bekrafta-e-post/\S+/", mail.outbox[-1].body)
    assert link, mail.outbox[-1].body
    page.goto(urlsplit(link.group(0)).path)
    page.click("main form button[type=submit]")
    assert "Din e-postadress är bekräftad" in page.inner_text("main")

    page.goto(f"/organisationer/{roles.organisation.pk}/")
    page.fill("#id_message", "Digitaliseringsstrateg på kommunledningskontoret")
    page.click("form.join-form button[type=submit]")
    assert "Din begäran om medlemskap i Sundsvalls kommun är skickad" in page.inner_text("main")

    page.click(".user-nav button[type=submit]")  # log out
    login_in_browser(page, "admin")
    membership = Membership.objects.get(user__username="anna")
    page.goto(f"/organisationer/{roles.organisation.pk}/medlemmar/")
    assert "Digitaliseringsstrateg" in page.inner_text("main")
    page.select_option(f"#approve-role-{membership.pk}", "member")
    page.click(f"form.approve-form:has(#approve-role-{membership.pk}) button[type=submit]")
    assert "Anna Andersson är nu medlem" in page.inner_text("main")
    page.select_option(f"#role-{membership.pk}", "editor")
    page.click(f"form.role-form:has(#role-{membership.pk}) button[type=submit]")
    assert "Anna Andersson har nu rollen redaktör" in page.inner_text("main")
    membership.refresh_from_db()
    assert (membership.status, membership.role) == ("active", "editor")

    page.goto("/logg/")
    trail = page.inner_text("table.audit-table")
    for step in ("Medlemskap begärt", "Medlemskap godkänt", "Roll ändrad"):
        assert step in trail
    assert trail.count("anna – Sundsvalls kommun") >= 3


def _check(page: Any, path: str, problems: list[str]) -> None:
    for lang in ("sv", "en"):
        url = path if lang == "sv" else f"{path}{'&' if '?' in path else '?'}lang=en"
        page.goto(url)
        if violations := run_axe(page):
            problems.append(f"{url}: {violations}")


def test_every_page_passes_axe_in_swedish_and_english(page: Any, roles: Any) -> None:
    problems: list[str] = []
    organisation = roles.organisation
    pending = services.register_organisation(
        roles.outsider, name="Axeföreningen", kind="civilsamhalle", org_number="802481-5717"
    )
    services.request_membership(factories.user("sokande"), organisation, "Hej!")
    services.change_role(roles.admin, Membership.objects.get(user=roles.member), "editor")

    for path in [
        "/konto/logga-in/",
        "/konto/skapa-konto/",
        "/konto/glomt-losenord/",
        "/konto/glomt-losenord/skickat/",
        "/konto/aterstall/MQ/fel-token/",
        "/konto/sparrad/",
        "/organisationer/?kind=kommun&page=2",
        f"/organisationer/{organisation.pk}/",
        "/organisationer/kallor/",
    ]:
        _check(page, path, problems)
    page.goto("/konto/skapa-konto/?lang=en")
    page.fill("#id_email", "fel")
    page.click("form.signup-form button[type=submit]")
    problems += [f"signup errors: {v}" for v in run_axe(page)]

    login_in_browser(page, "personal")  # staff: sees every page
    for path in [
        "/konto/profil/",
        "/organisationer/registrera/",
        "/organisationer/granska/",
        f"/organisationer/{pending.pk}/",
        f"/organisationer/{organisation.pk}/redigera/",
        f"/organisationer/{organisation.pk}/medlemmar/",
        f"/logg/?organisation={organisation.pk}",
    ]:
        _check(page, path, problems)

    page.goto("/organisationer/registrera/")
    page.fill("#id_name", "Felaktiga föreningen")
    page.fill("#id_org_number", "802481-5718")
    page.click("main form button[type=submit]")
    assert "fel kontrollsiffra" in page.inner_text("main")
    problems += [f"register errors: {v}" for v in run_axe(page)]

    page.goto(f"/organisationer/{organisation.pk}/redigera/?lang=en")
    services.update_organisation(roles.admin, organisation, {"website": "https://sundsvall.se"}, organisation.version)
    page.fill("#id_description", "En ny beskrivning")
    page.click("main form button[type=submit]")
    assert "https://sundsvall.se" in page.inner_text("main")
    problems += [f"stale edit: {v}" for v in run_axe(page)]

    page.goto("/konto/profil/")
    page.fill("#id_name", "Rapportskript")
    page.click("form[action$='api-nycklar/'] button[type=submit]")
    assert page.input_value("#api-token-secret").startswith("kraft_")
    problems += [f"token created: {v}" for v in run_axe(page)]
    assert problems == []
