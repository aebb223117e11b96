from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

NAVIGATION = [
    ("initiatives:list", _("Initiativ")),
    ("initiatives:map", _("Karta")),
    ("initiatives:statistics", _("Statistik")),
    ("knowledge:ask", _("Kunskapsstöd")),
    ("assessments:index", _("Mognad")),
    ("organisations:list", _("Organisationer")),
    ("search:search", _("Sök")),
]


def kraft(request: HttpRequest) -> dict[str, object]:
    current = request.path
    items = []
    for name, label in NAVIGATION:
        url = reverse(name)
        items.append({"url": url, "label": label, "current": current.startswith(url) and url != "/"})
    return {"navigation": items, "site_name": "Kraft"}
