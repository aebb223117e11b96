"""The portfolio's contributions to other apps' pages (see ``kraft.organisations.extensions``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy


def audit_action_labels() -> dict[str, object]:
    return {
        "portfolio.weights": gettext_lazy("Portföljvikter ändrade"),
        "portfolio.estimate": gettext_lazy("Timuppskattning sparad"),
        "portfolio.decision": gettext_lazy("Portföljbeslut fattat"),
    }
