"""Views that fail in every way an API view can, for tests/api/test_errors.py only."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import path
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView


class Private(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request):
        return Response({})


class DjangoForbidden(APIView):
    def get(self, request):
        raise PermissionDenied


class DjangoNotFound(APIView):
    def get(self, request):
        raise Http404


class TwoPerMinute(AnonRateThrottle):
    rate = "2/min"


class Throttled(APIView):
    throttle_classes = [TwoPerMinute]

    def get(self, request):
        return Response({})


urlpatterns = [
    path("api/v1/private/", Private.as_view()),
    path("api/v1/django-forbidden/", DjangoForbidden.as_view()),
    path("api/v1/django-404/", DjangoNotFound.as_view()),
    path("api/v1/throttled/", Throttled.as_view()),
]
