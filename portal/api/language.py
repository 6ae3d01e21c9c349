"""The language of an API request: the `lang` parameter, else `Accept-Language`, else Finnish.

`lang=all` asks for every translation of a translated field as an object keyed by language.
The locale middleware activates the language for the whole request: error messages use it too.
"""

from django.conf import settings
from django.http import JsonResponse
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header

from portal.translation import LANGUAGE_ORDER

ALL = "all"
API_PREFIX = "/api/"
# Paths outside i18n_patterns: their 404 stays a 404 instead of a redirect to /fi/...
UNPREFIXED_PATHS = ("/admin/", "/documents/", "/healthz", "/static/", "/media/")
LANG_PARAMETER = "lang"
LANG_CHOICES: tuple[str, ...] = (*LANGUAGE_ORDER, ALL)


def is_api_request(request) -> bool:
    """Whether the request is to the API, whose language rules are these."""
    return request.path_info.startswith(API_PREFIX)


class UnsupportedLanguage(ValueError):
    pass


def language_from_header(request) -> str:
    """The first language of `Accept-Language` that the portal speaks, else the default."""
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in parse_accept_lang_header(header[:500]):
        if code == "*":
            continue
        base = code.split("-")[0].lower()
        if base in LANGUAGE_ORDER:
            return base
    return settings.LANGUAGE_CODE


def resolve_api_language(request) -> str:
    """`fi`, `sv`, `en` or `all` for the request; raises UnsupportedLanguage for other values."""
    value = request.GET.get(LANG_PARAMETER)
    if value is None or value == "":
        return language_from_header(request)
    value = value.strip().lower()
    if value not in LANG_CHOICES:
        raise UnsupportedLanguage(value)
    return value


def request_api_language(request) -> str:
    """The language mode the middleware chose, or the active language outside a request."""
    language = getattr(request, "api_language", None) if request is not None else None
    if language:
        return language
    active = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return active if active in LANGUAGE_ORDER else settings.LANGUAGE_CODE


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, with the API's own language rules under /api/.

    Under /api/ the language comes from `lang` or Accept-Language (never from a cookie), an unknown
    `lang` is a JSON 400, and a 404 stays a JSON 404: Django would otherwise redirect it to
    /fi/api/..., because Wagtail's catch-all pattern makes every language-prefixed path valid.
    """

    def process_request(self, request):
        if not is_api_request(request):
            return super().process_request(request)
        try:
            language = resolve_api_language(request)
        except UnsupportedLanguage:
            translation.activate(language_from_header(request))
            request.LANGUAGE_CODE = translation.get_language()
            return unsupported_language_response()
        request.api_language = language
        # With lang=all the texts are objects; messages still follow Accept-Language.
        translation.activate(language if language != ALL else language_from_header(request))
        request.LANGUAGE_CODE = translation.get_language()
        return None

    def process_response(self, request, response):
        if request.path_info.startswith(UNPREFIXED_PATHS):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        if not is_api_request(request):
            return super().process_response(request, response)
        patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


def unsupported_language_response() -> JsonResponse:
    choices = ", ".join(LANG_CHOICES)
    return JsonResponse(
        {
            "code": "unsupported_language",
            "message": _("Unsupported language. Use one of: %(choices)s.") % {"choices": choices},
            "fields": {
                LANG_PARAMETER: [_("Use one of: %(choices)s.") % {"choices": choices}],
            },
        },
        status=400,
    )
