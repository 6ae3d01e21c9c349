"""Path converters of the key figures' pages."""

from django.utils.translation import get_language

from indicators.models import Theme

# A theme's address word in each language; the stored value is the theme's code.
THEME_SLUGS = {
    Theme.ECONOMY: {"fi": "talous", "sv": "ekonomi", "en": "economy"},
    Theme.EMPLOYMENT: {"fi": "tyollisyys", "sv": "sysselsattning", "en": "employment"},
    Theme.POPULATION: {"fi": "aluekehitys", "sv": "regional-utveckling", "en": "regional"},
    Theme.SERVICES: {"fi": "palvelut", "sv": "tjanster", "en": "services"},
}
_BY_SLUG = {slug: theme for theme, slugs in THEME_SLUGS.items() for slug in slugs.values()}


class ThemeConverter:
    """A theme by its address word in any language; reversed, the word of the active language,
    so that the language switcher and hreflang links give the theme's own word."""

    regex = "[-a-z]{1,40}"

    def to_python(self, value: str) -> str:
        theme = _BY_SLUG.get(value)
        if theme is None:
            raise ValueError(value)
        return str(theme)

    def to_url(self, value) -> str:
        slugs = THEME_SLUGS.get(Theme(value)) if value in Theme.values else None
        if slugs is None:
            raise ValueError(value)
        return slugs.get((get_language() or "fi").split("-")[0], slugs["fi"])


class CodeConverter:
    """An indicator's code: a slug of at most 60 characters."""

    regex = "[-a-z0-9_]{1,60}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)
