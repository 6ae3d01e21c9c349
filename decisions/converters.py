"""Path converters of the decisions pages."""


class IdConverter:
    """A database id: at most 18 digits, so that it always fits a 64-bit column."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


class BodyConverter:
    """A body by its slug in any language; reversed, the slug of the active language.

    Resolving gives the Body, so that translate_url() (the language switcher, the hreflang
    links) and the redirects from old addresses give the body's own slug in the other
    language. A slug that no body open to the public has does not match, and the request
    ends up as "not found".
    """

    regex = "[-a-zA-Z0-9_]{1,100}"

    def to_python(self, value: str):
        from decisions import selectors

        body = selectors.body_by_slug(value)
        if body is None:
            raise ValueError(value)
        return body

    def to_url(self, value) -> str:
        from django.utils.translation import get_language

        from decisions.models import Body

        if isinstance(value, Body):
            return value.slug_for(get_language())
        return str(value)
