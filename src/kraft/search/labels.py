"""Readable names of the search collections. A collection may name itself (``label`` on its class); the names of
the collections other apps register are known here too, so they read well the day their app lands."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kraft.search.collections import get_collection

LABELS: dict[str, Promise] = {
    "initiatives": _("AI-initiativ"),
    "organisations": _("Organisationer"),
    "passages": _("Kunskap"),
    "needs": _("Behov"),
    "coalitions": _("Koalitioner"),
}


def collection_label(name: str) -> str | Promise:
    own = getattr(get_collection(name), "label", "")
    return own or LABELS.get(name, name.capitalize())
