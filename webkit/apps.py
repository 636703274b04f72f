from django.apps import AppConfig
from django.urls import register_converter


class WebkitConfig(AppConfig):
    name = "webkit"
    verbose_name = "Shared web kit"

    def ready(self) -> None:
        from .tokens import TokenConverter

        register_converter(TokenConverter, "token")
