from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LlmConfig(AppConfig):
    name = "kraft.llm"
    verbose_name = _("Svarsgenerering")

    def ready(self) -> None:
        from django.core import checks

        from kraft.llm import handler  # noqa: F401  (connects the settings-changed receiver)
        from kraft.llm.checks import check_llm_backends

        checks.register(check_llm_backends, "kraft")
