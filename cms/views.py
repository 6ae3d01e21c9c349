"""Views of the CMS app that are not Wagtail pages: site search and the "no translation" page."""

from django import forms
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Page

from cms.selectors import page_of

RESULTS_PER_PAGE = 20


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the site"), max_length=200, required=False)
    page = forms.IntegerField(
        min_value=1,
        max_value=10_000,
        required=False,
        error_messages={"invalid": _("The page number must be a whole number.")},
    )

    def clean_q(self) -> str:
        query = self.cleaned_data["q"].strip()
        if "\x00" in query:
            raise forms.ValidationError(_("The search contains characters that are not allowed."))
        return query


@require_GET
def search(request):
    """Site search over the live pages of the current language."""
    form = SearchForm(request.GET or None)
    query = ""
    results = None
    status = 200
    if form.is_bound:
        if form.is_valid():
            query = form.cleaned_data["q"]
        else:
            status = 400
    if query:
        locale = Locale.objects.filter(language_code=get_language()).first()
        pages = Page.objects.none()
        if locale is not None:
            # The search backend accepts only plain field filters, hence Wagtail's .public().
            pages = Page.objects.live().public().filter(locale=locale).search(query)
        number = form.cleaned_data.get("page")
        results = page_of(pages, number=str(number or 1), per_page=RESULTS_PER_PAGE)
        # Search results are plain pages; the snippet text lives on the specific page types.
        specific = Page.objects.filter(pk__in=[page.pk for page in results]).specific()
        by_pk = {page.pk: page for page in specific}
        results.object_list = [by_pk[page.pk] for page in results if page.pk in by_pk]
    return render(
        request,
        "cms/search.html",
        {"form": form, "query": query, "results": results},
        status=status,
    )


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
