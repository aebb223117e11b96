"""This app's own contributions to the shared pages (see ``extensions``)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _

from kraft.organisations.extensions import DataSource, Section


def data_sources() -> list[DataSource]:
    return [
        DataSource(
            name=_("Kommunkoder, län och kommunnamn"),
            description=_("Sveriges 290 kommuner och 21 län med officiella koder (SCB), via sjbrg/swedish-geodata."),
            licence="CC0",
            url="https://github.com/sjbrg/swedish-geodata",
            used_for=_("Organisationer: kommuner, regioner och län"),
        ),
        DataSource(
            name=_("Folkmängd per kommun"),
            description=_("Befolkningsstatistik från SCB (2019), via odectra/popu-sweden."),
            licence=_("SCB:s villkor för användning (fri användning med källangivelse)"),
            url="https://github.com/odectra/popu-sweden",
            used_for=_("Organisationer: folkmängd"),
        ),
        DataSource(
            name=_("Kommun- och länsgränser"),
            description=_("Förenklade gränser från Valmyndighetens data, via okfse/sweden-geojson."),
            licence=_("Fri att återanvända"),
            url="https://github.com/okfse/sweden-geojson",
            used_for=_("Kartan"),
        ),
        DataSource(
            name=_("Regionernas namn"),
            description=_(
                "De officiella namnen på de 21 regionerna, som Sveriges Kommuner och Regioner (SKR) använder."
            ),
            licence=_("Fakta, fria att använda"),
            url="https://skr.se",
            used_for=_("Organisationer: regioner"),
        ),
    ]


def my_work_sections(request: HttpRequest) -> list[Section]:
    """On "Mitt arbete", for organisation admins: membership requests waiting for a decision."""
    from django.urls import reverse
    from django.utils.translation import ngettext

    from kraft.organisations import selectors

    items = []
    for organisation in selectors.administered_organisations(request.user):
        waiting = organisation.pending  # type: ignore[attr-defined]
        if waiting:
            items.append(
                {
                    "url": reverse("organisations:members", args=[organisation.pk]),
                    "label": organisation.name,
                    "meta": ngettext("%(n)s begäran väntar", "%(n)s begäranden väntar", waiting) % {"n": waiting},
                }
            )
    if not items:
        return []
    return [
        Section(
            title=_("Medlemskap att besluta om"),
            template="organisations/_section_list.html",
            id="att-besluta",
            order=5,
            context={"items": items},
        )
    ]
