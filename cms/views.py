"""Views of the CMS app that are not Wagtail pages."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from wagtail.models import Locale, Page


def search(request):
    """Site search over the pages of the current language."""
    query = request.GET.get("q", "").strip()
    results = []
    if query:
        locale = Locale.objects.get(language_code=get_language())
        results = Page.objects.live().public().filter(locale=locale).search(query)[:50]
    return render(request, "cms/search.html", {"query": query, "results": results})


def no_translation(request, page_id: int):
    """Say that a page has no translation in this language, and offer the closest one."""
    page = get_object_or_404(Page.objects.live().public(), pk=page_id).specific
    locale = Locale.objects.filter(language_code=get_language()).first()
    if locale is None:
        raise Http404
    closest = None
    for ancestor in page.get_ancestors(inclusive=False).reverse():
        if ancestor.depth < 2:
            break
        closest = ancestor.get_translations().live().filter(locale=locale).first()
        if closest is not None:
            break
    return render(
        request,
        "cms/no_translation.html",
        {"original": page, "closest": closest},
        status=404,
    )
