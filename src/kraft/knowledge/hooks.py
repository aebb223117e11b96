"""The knowledge app's contributions to other pages (see ``kraft.organisations.extensions``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from kraft.organisations.extensions import DataSource, Section
from kraft.organisations.models import Organisation


def organisation_sections(request: HttpRequest, organisation: Organisation) -> list[Section]:
    """The organisation's libraries that the visitor may read."""
    from kraft.knowledge.selectors import visible_libraries

    libraries = visible_libraries(request.user).filter(organisation=organisation)
    items: list[dict[str, Any]] = [
        {"url": library.get_absolute_url(), "label": library.name, "meta": library.get_visibility_display()}
        for library in libraries
    ]
    if not items:
        return []
    return [
        Section(
            title=_("Kunskapsbibliotek"),
            template="organisations/_section_list.html",
            context={"items": items, "empty": ""},
            id="bibliotek",
        )
    ]


def data_sources() -> list[DataSource]:
    return [
        DataSource(
            name=_("Svenska författningar (92 lagar och förordningar, paragraf för paragraf)"),
            description=_("Författningstext från Riksdagen, paketerad av Ansvar-Systems/swedish-law-mcp (0cd63338)."),
            licence=_("Författningstexten är allmän handling utan upphovsrätt; paketeringen Apache-2.0"),
            url="https://github.com/Ansvar-Systems/swedish-law-mcp",
            used_for=_("Det nationella biblioteket Svensk lag i kunskapsstödet"),
        ),
        DataSource(
            name=_("EU:s dataskyddsförordning (EU) 2016/679 och AI-förordning (EU) 2024/1689, artikel för artikel"),
            description=_(
                "Den engelska texten från EUR-Lex, paketerad av Ansvar-Systems/EU_compliance_MCP (047a8d3d); de "
                "svenska artikelrubrikerna och definierade termerna har Kraft skrivit av ur den svenska versionen."
            ),
            licence=_("EUR-Lex: fri återanvändning med angiven källa (kommissionens beslut 2011/833/EU)"),
            url="https://eur-lex.europa.eu/",
            used_for=_("Det nationella biblioteket Svensk lag i kunskapsstödet"),
        ),
    ]


def my_work_sections(request: HttpRequest) -> list[Section]:
    """On "Mitt arbete": the person's latest questions to the knowledge support."""
    from django.urls import reverse
    from django.utils import formats, timezone

    from kraft.knowledge.models_answers import Answer

    user: Any = request.user
    if not getattr(user, "is_authenticated", False):
        return []
    answers = list(Answer.objects.filter(question__user=user).select_related("question").order_by("-pk")[:5])
    items: list[dict[str, Any]] = [
        {
            "url": answer.get_absolute_url(),
            "label": answer.question.text[:140],
            "meta": formats.date_format(timezone.localtime(answer.question.created_at), "j F Y"),
        }
        for answer in answers
    ]
    return [
        Section(
            title=_("Mina senaste frågor"),
            template="organisations/_section_list.html",
            id="fragor",
            order=60,
            context={
                "items": items,
                "empty": _("Du har inte ställt några frågor ännu."),
                "more_url": reverse("knowledge:history") if items else reverse("knowledge:ask"),
            },
        )
    ]


def audit_action_labels() -> dict[str, str]:
    return {
        "knowledge.library.created": _("Bibliotek skapat"),
        "knowledge.library.updated": _("Bibliotek ändrat"),
        "knowledge.library.deleted": _("Bibliotek borttaget"),
        "knowledge.library.shared": _("Bibliotek delat"),
        "knowledge.document.uploaded": _("Dokument uppladdat"),
        "knowledge.document.imported": _("Dokument inläst från fil"),
        "knowledge.document.ingested": _("Dokument färdigt att söka i"),
        "knowledge.document.failed": _("Inläsning av dokument misslyckades"),
        "knowledge.document.retried": _("Dokument läses in igen"),
        "knowledge.document.updated": _("Dokument ändrat"),
        "knowledge.document.superseded": _("Dokument ersatt av ny version"),
        "knowledge.document.deleted": _("Dokument borttaget"),
        "knowledge.answer.asked": _("Fråga ställd"),
        "knowledge.answer.feedback": _("Återkoppling på svar"),
        "knowledge.answer.history_deleted": _("Frågehistorik raderad"),
        "knowledge.answer.history_purged": _("Gammal frågehistorik rensad"),
        "knowledge.learned_word.rejected": _("Inlärt ord borttaget från en paragraf"),
    }
