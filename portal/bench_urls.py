"""The portal's URLs plus a bare Django view: the benchmark's yardstick of the framework's own
limit under the same settings and middleware."""

from django.http import HttpResponse
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("__bench__/bare", bare, name="bench_bare"), *portal_urlpatterns]
