from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kraft.core"
    verbose_name = _("Kärna")

    def ready(self) -> None:
        from django.db.models.signals import pre_save

        from kraft.core.text import refuse_nul_on_save

        pre_save.connect(refuse_nul_on_save, dispatch_uid="kraft_refuse_nul")
