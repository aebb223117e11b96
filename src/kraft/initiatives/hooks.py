"""The registry's contributions to other apps' pages (see ``kraft.organisations.extensions``)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from kraft.initiatives import selectors, services
from kraft.organisations.extensions import Section
from kraft.organisations.models import Organisation

SHOWN = 20


def organisation_sections(request: HttpRequest, organisation: Organisation) -> list[Section]:
    """The organisation's initiatives (led or as partner) that the visitor may see, drafts only for members."""
    initiatives = selectors.initiatives_for_organisation(request.user, organisation)
    shown = list(initiatives[: SHOWN + 1])
    return [
        Section(
            title=_("AI-initiativ"),
            template="initiatives/_org_section.html",
            id="initiativ",
            context={
                "initiatives": shown[:SHOWN],
                "more_url": f"{reverse('initiatives:list')}?organisation={organisation.pk}"
                if len(shown) > SHOWN
                else "",
                "create_url": f"{reverse('initiatives:create')}?organisation={organisation.pk}"
                if services.can_edit_org(request.user, organisation)
                else "",
            },
        )
    ]


def my_work_sections(request: HttpRequest) -> list[Section]:
    """On "Mitt arbete": effects due to be measured, my organisations' drafts, what I edited lately."""
    from django.utils import timezone

    from kraft.initiatives import selectors as initiative_selectors

    user = request.user
    if not getattr(user, "is_authenticated", False):
        return []
    sections = []
    due = initiative_selectors.effects_due(user, timezone.localdate())
    if due:
        sections.append(
            Section(
                title=_("Dags att mäta effekter"),
                template="organisations/_section_list.html",
                id="effekter-att-mata",
                order=10,
                context={
                    "items": [
                        {
                            "url": reverse("initiatives:effects", args=[effect.initiative_id]),
                            "label": f"{effect.initiative.title}: {effect.get_dimension_display()}"
                            + (f" – {effect.description}" if effect.description else ""),
                            "meta": _("skulle följas upp %(date)s")
                            % {"date": formats.date_format(effect.follow_up_on or "")},
                        }
                        for effect in due
                    ]
                },
            )
        )
    drafts = list(initiative_selectors.drafts_for(user)[:SHOWN])
    editable = bool(services.can_create_any(user))
    if drafts or editable:
        sections.append(
            Section(
                title=_("Utkast i mina organisationer"),
                template="initiatives/_my_work_initiatives.html",
                id="utkast",
                order=20,
                context={
                    "initiatives": drafts,
                    "empty": _("Inga utkast just nu."),
                    "create_url": reverse("initiatives:create") if editable else "",
                },
            )
        )
    recent = list(initiative_selectors.recently_edited_by(user)[:5])
    if recent:
        sections.append(
            Section(
                title=_("Senast ändrade av mig"),
                template="initiatives/_my_work_initiatives.html",
                id="senast-andrade",
                order=30,
                context={"initiatives": recent, "empty": ""},
            )
        )
    return sections


def audit_action_labels() -> dict[str, str]:
    return {
        "initiative_created": _("Initiativ skapat"),
        "initiative_updated": _("Initiativ ändrat"),
        "initiative_published": _("Initiativ publicerat"),
        "initiative_archived": _("Initiativ arkiverat"),
        "initiative_copied": _("Initiativ skapat utifrån ett annat"),
        "initiative_partners_set": _("Partner ändrade"),
        "initiative_partner_confirmed": _("Partnerskap bekräftat"),
        "initiative_partner_declined": _("Partnerskap avböjt"),
        "effect_added": _("Effekt tillagd"),
        "effect_updated": _("Effekt ändrad"),
        "effect_deleted": _("Effekt borttagen"),
        "cost_added": _("Kostnad tillagd"),
        "cost_updated": _("Kostnad ändrad"),
        "cost_deleted": _("Kostnad borttagen"),
        "welfarearea_created": _("Verksamhetsområde tillagt"),
        "welfarearea_updated": _("Verksamhetsområde ändrat"),
        "technique_created": _("AI-teknik tillagd"),
        "technique_updated": _("AI-teknik ändrad"),
    }
