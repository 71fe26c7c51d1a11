from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResultsConfig(AppConfig):
    name = "kansrijk.results"
    label = "results"
    verbose_name = _("Resultaten")

    def ready(self) -> None:
        from . import signals  # noqa: F401 - connects the analysis to closing a wave
