from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "gongbao.web.supervision"
    label = "supervision"
    verbose_name = "督查督办"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (audit trail)
