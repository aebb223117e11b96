from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LlmConfig(AppConfig):
    name = "kraft.llm"
    verbose_name = _("Svarsgenerering")
