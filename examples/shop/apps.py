"""App config for the example shop."""

from django.apps import AppConfig


class ShopConfig(AppConfig):
    """The example shop used by every code example."""

    name = "shop"
    default_auto_field = "django.db.models.BigAutoField"
