"""The assessments' contributions to other apps' pages (see ``kraft.organisations.extensions``)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kraft.assessments import selectors, services
from kraft.organisations.extensions import Section
from kraft.organisations.models import Organisation


def organisation_sections(request: HttpRequest, organisation: Organisation) -> list[Section]:
    """Rounds the visitor may see (published ones for everyone, all for members) and, for admins, a start link."""
    items = [
        {
            "url": reverse("assessments:detail", args=[a.pk]),
            "label": str(a),
            "meta": a.get_status_display() + (f" · {_('publicerad')}" if a.is_published else ""),
        }
        for a in selectors.rounds_of(request.user, organisation).order_by("-round")[:10]
    ]
    if services.can_manage(request.user, organisation) and organisation.is_approved:
        items.append(
            {
                "url": f"{reverse('assessments:start')}?organisation={organisation.pk}",
                "label": _("Starta en ny mognadsbedömning"),
                "meta": "",
            }
        )
    if selectors.can_view_private_of_organisation(request.user, organisation):
        items.append(
            {
                "url": reverse("portfolio:detail", args=[organisation.pk]),
                "label": _("Portfölj: rangordna initiativen"),
                "meta": "",
            }
        )
    return [
        Section(
            title=_("AI-mognad"),
            template="organisations/_section_list.html",
            id="mognad",
            context={"items": items, "empty": _("Ingen publicerad mognadsbedömning.")},
        )
    ]


def my_work_sections(request: HttpRequest) -> list[Section]:
    """For "Mitt arbete": assessments I am invited to answer, and the 90-day plan steps I own (only the sections
    that have something, so that the page stays short)."""
    invitations = [
        {
            "url": reverse("assessments:answer", args=[i.assessment_id]),
            "label": str(i.assessment),
            "meta": i.get_status_display(),
        }
        for i in selectors.open_invitations(request.user)[:20]
    ]
    steps = [
        {
            "url": reverse("assessments:detail", args=[item.plan.assessment_id]) + "#plan",
            "label": item.title,
            "meta": f"{item.plan.assessment.organisation.name} · {item.due_on:%Y-%m-%d} · {item.get_status_display()}",
        }
        for item in selectors.plan_items_owned(request.user)[:20]
    ]
    sections = [
        Section(
            title=_("Mognadsbedömningar att besvara"),
            template="organisations/_section_list.html",
            id="mognad-svara",
            context={"items": invitations, "empty": _("Inga bedömningar att besvara.")},
        ),
        Section(
            title=_("Mina steg i 90-dagarsplaner"),
            template="organisations/_section_list.html",
            id="mognad-plan",
            context={"items": steps, "empty": _("Inga steg att göra.")},
        ),
    ]
    return [section for section in sections if section.context["items"]]


def audit_action_labels() -> dict[str, object]:
    return {
        "assessment.start": gettext_lazy("Mognadsbedömning startad"),
        "assessment.invite": gettext_lazy("Respondent inbjuden"),
        "assessment.answers_save": gettext_lazy("Svar sparade"),
        "assessment.submit": gettext_lazy("Svar inskickade"),
        "assessment.close": gettext_lazy("Mognadsbedömning stängd"),
        "assessment.publication": gettext_lazy("Publicering av mognadsbedömning ändrad"),
        "assessment.plan_add": gettext_lazy("Steg lagt till i 90-dagarsplan"),
        "assessment.plan_update": gettext_lazy("Steg i 90-dagarsplan ändrat"),
        "assessment.plan_remove": gettext_lazy("Steg borttaget ur 90-dagarsplan"),
    }
