"""Views of the CMS app that are not Wagtail pages: site search and the "no translation" page."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Page

from cms import selectors
from portal.translation import normalise_language

RESULTS_PER_PAGE = 20

KIND_TITLES = {
    "sections": _("Services"),
    "pages": _("Pages"),
    "news": _("News"),
    "decisions": _("Decisions"),
    "case_types": _("Processing times"),
    "surveys": _("Surveys"),
}
# Whole sentences: Finnish and Swedish inflect the language names.
FALLBACK_NOTES = {
    ("fi", "sv"): _("Nothing matched in Finnish. Here are the results in Swedish."),
    ("sv", "fi"): _("Nothing matched in Swedish. Here are the results in Finnish."),
    ("en", "fi"): _("Nothing matched in English. Here are the results in Finnish."),
}


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the site"), max_length=200, required=False)
    page = forms.IntegerField(
        min_value=1,
        max_value=10_000,
        required=False,
        error_messages={"invalid": _("The page number must be a whole number.")},
    )
    # The full list of one kind of result, in one language (the other one's when offered).
    kind = forms.ChoiceField(
        choices=[("", "")] + [(kind, KIND_TITLES[kind]) for kind in selectors.LISTED_KINDS],
        required=False,
    )
    lang = forms.ChoiceField(choices=[("", "")] + list(settings.LANGUAGES), required=False)

    def clean_q(self) -> str:
        query = self.cleaned_data["q"].strip()
        if "\x00" in query:
            raise forms.ValidationError(_("The search contains characters that are not allowed."))
        return query


def _query_string(**params) -> str:
    return "?" + urlencode({key: value for key, value in params.items() if value})


def _more_url(group, query: str, reader: str) -> str:
    """The full list of a group's kind: decision search for decisions."""
    if group.kind == "decisions":
        return reverse("decisions:search") + _query_string(q=query)
    lang = group.language if group.language != reader else ""
    return reverse("cms:search") + _query_string(q=query, kind=group.kind, lang=lang)


@require_GET
def search(request):
    """Site search: pages, news, decisions, processing times and surveys, grouped by kind."""
    form = SearchForm(request.GET or None)
    query = kind = lang = ""
    status = 200
    if form.is_bound:
        if form.is_valid():
            query = form.cleaned_data["q"]
            kind = form.cleaned_data["kind"]
            lang = form.cleaned_data["lang"]
        else:
            status = 400
    reader = normalise_language(get_language())
    context = {"form": form, "query": query, "kind": kind, "results": None, "overview": None}
    if query and kind:
        language = lang or reader
        items, make_hit = selectors.site_search_kind(query, kind=kind, language=language)
        results = selectors.page_of(
            items, number=str(form.cleaned_data.get("page") or 1), per_page=RESULTS_PER_PAGE
        )
        objects = list(results.object_list)
        if kind == "pages":
            # Search results are plain pages; the snippet text lives on the specific page types.
            specific = Page.objects.filter(pk__in=[page.pk for page in objects]).specific()
            by_pk = {page.pk: page for page in specific}
            objects = [by_pk[page.pk] for page in objects if page.pk in by_pk]
        results.object_list = [make_hit(obj, language, reader, request) for obj in objects]
        context.update(
            results=results,
            kind_title=KIND_TITLES[kind],
            list_language=language if language != reader else "",
            page_query=_query_string(q=query, kind=kind, lang=lang),
            all_url=reverse("cms:search") + _query_string(q=query),
        )
    elif query:
        overview = selectors.site_search(query, language=reader, request=request)
        context["overview"] = overview
        context["groups"] = [
            {
                "kind": group.kind,
                "title": KIND_TITLES[group.kind],
                "count": group.count,
                "hits": group.hits,
                "more_url": _more_url(group, query, reader)
                if group.count > len(group.hits)
                else "",
            }
            for group in overview.groups
        ]
        if overview.fallback_language:
            context["fallback_note"] = FALLBACK_NOTES.get((reader, overview.fallback_language))
    return render(request, "cms/search.html", context, status=status)


@require_GET
def no_translation(request, page_id: int):
    """Say that a page has no translation in this language, and offer the closest one."""
    page = get_object_or_404(Page.objects.live().public(), pk=page_id).specific
    locale = Locale.objects.filter(language_code=get_language()).first()
    if locale is None:
        raise Http404
    translation = page.get_translations().live().filter(locale=locale).first()
    closest = None
    for ancestor in page.get_ancestors(inclusive=False).reverse():
        if ancestor.depth < 2:
            break
        closest = ancestor.get_translations(inclusive=True).live().filter(locale=locale).first()
        if closest is not None:
            break
    return render(
        request,
        "cms/no_translation.html",
        {
            "original": page,
            "original_language": page.locale.language_code,
            "translation": translation,
            "closest": closest,
        },
        status=404 if translation is None else 200,
    )
