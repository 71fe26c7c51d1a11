from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "kansrijk.api"
    label = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        # Kansrijk's deployment checks live with the project settings; registering them here keeps
        # kansrijk.web.apps untouched (``kansrijk check-deploy`` runs ``check --deploy``).
        from kansrijk.web import checks  # noqa: F401
