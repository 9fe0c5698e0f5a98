from django.apps import AppConfig


class KbConfig(AppConfig):
    name = "gongbao.web.kb"
    label = "kb"
    verbose_name = "公报知识库"
    default_auto_field = "django.db.models.BigAutoField"
