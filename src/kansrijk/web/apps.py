from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "kansrijk.web"
    label = "web"
    verbose_name = "Kansrijk web"

    def ready(self) -> None:
        # Kansrijk's deployment checks (``kansrijk check-deploy`` runs ``check --deploy``).
        from . import checks  # noqa: F401
