from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "kraft.audit"
    verbose_name = _("Granskningslogg")

    def ready(self) -> None:
        from kraft.audit import signals  # noqa: F401  (failed-login and login events)
