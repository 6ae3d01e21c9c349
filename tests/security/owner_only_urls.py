"""A test-only URLconf with two scratch views of an owned object, for the owner-only check.

The owned object is a user account: `/owned/<pk>/` belongs to the user with that pk.
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth import get_user_model
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404
from django.urls import path

from portal import urls as portal_urls


def owner_only(request, pk):
    """Right: anyone but the owner learns nothing, not even that the object exists."""
    owner = get_object_or_404(get_user_model(), pk=pk)
    if owner != request.user:
        raise Http404
    return HttpResponse(owner.email)


def leaky(request, pk):
    """Wrong: shows the object to anyone."""
    owner = get_object_or_404(get_user_model(), pk=pk)
    return HttpResponse(owner.email)


def forbidding(request, pk):
    """Wrong in a subtler way: 403 to others tells them that the object exists."""
    owner = get_object_or_404(get_user_model(), pk=pk)
    if owner != request.user:
        return HttpResponseForbidden()
    return HttpResponse(owner.email)


# Under the language prefix like the portal's own pages, whose routes come along too: the
# portal's 404 page links to them.
urlpatterns = [
    *i18n_patterns(
        path("owned/<int:pk>/", owner_only, name="owned"),
        path("leaky/<int:pk>/", leaky, name="leaky"),
        path("forbidding/<int:pk>/", forbidding, name="forbidding"),
        prefix_default_language=True,
    ),
    *portal_urls.urlpatterns,
]
