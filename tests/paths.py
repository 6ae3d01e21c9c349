"""Addresses of application pages for tests, built like the portal builds them."""

from django.urls import reverse
from django.utils.translation import override


def app_url(name: str, *args, lang: str = "fi", query: str = "") -> str:
    """The path of route `name` in `lang` (the address a resident of that language sees)."""
    with override(lang):
        return reverse(name, args=args) + query
