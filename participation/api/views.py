import re

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response as APIResponse

from participation import ratelimit
from participation.api.serializers import (
    ResponseCreatedSerializer,
    ResponseInputSerializer,
    SurveyDetailSerializer,
    SurveyResultsSerializer,
    SurveySerializer,
    answer_value,
)
from participation.models import Identification, Option, Question
from participation.passes import pass_issue, pass_of, pass_set_cookie
from participation.policies import can_manage_surveys, results_visible_to, surveys_visible_to
from participation.respondents import Respondent, RespondentKind
from participation.selectors import survey_results
from participation.services import (
    AlreadyAnswered,
    InvalidAccessCode,
    InvalidAnswers,
    SurveyNotOpen,
    survey_submit_response,
)
from portal.api.errors import Conflict
from portal.api.pagination import PortalCursorPagination
from portal.api.schema import ErrorSerializer
from portal.api.throttling import PortalScopedRateThrottle
from portal.pagecache import cached_public


class SurveyPagination(PortalCursorPagination):
    ordering = ("modified", "id")


class AnswerThrottle(PortalScopedRateThrottle):
    scope_attr = "throttle_scope"

    def allow_request(self, request, view):
        if request.method != "POST":
            return True
        return super().allow_request(request, view)


def _error(description: str) -> OpenApiResponse:
    return OpenApiResponse(ErrorSerializer, description=description)


ID_PARAMETER = OpenApiParameter("id", int, OpenApiParameter.PATH)
ID = re.compile(r"[0-9]{1,18}")


@extend_schema_view(
    retrieve=extend_schema(parameters=[ID_PARAMETER]),
)
class SurveyViewSet(viewsets.ReadOnlyModelViewSet):
    """Youth surveys of the municipality: questions, answering, and published results."""

    serializer_class = SurveySerializer
    pagination_class = SurveyPagination
    # Any segment reaches the view, which answers a non-id with a JSON 404: a POST to a path
    # that no API view matches would meet the CSRF check of a plain Django view instead.
    lookup_value_regex = "[^/]+"
    throttle_scope = "survey_answer"

    def get_queryset(self):
        return surveys_visible_to(self.request.user)

    def get_object(self):
        if not ID.fullmatch(self.kwargs.get(self.lookup_url_kwarg or self.lookup_field, "")):
            raise Http404
        return super().get_object()

    def get_throttles(self):
        if self.action == "responses":
            return [AnswerThrottle()]
        return []

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["results_public"] = getattr(self, "_results_public", {})
        return context

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        now = timezone.now()
        if page is not None:
            self._results_public = {
                s.pk: results_visible_to(self.request.user, s, now) for s in page
            }
        return page

    def _questions(self, survey):
        return list(
            Question.objects.filter(survey=survey)
            .order_by("sort_order", "id")
            .prefetch_related(
                Prefetch("options", queryset=Option.objects.order_by("sort_order", "id"))
            )
        )

    def _survey_to_answer(self):
        """The survey and its questions. For everyone but survey managers (who may answer a
        draft) they come from the public cache, which any change to a survey, its questions or
        their options empties (portal.pagecache): every answer of a popular survey would
        otherwise read the same rows again."""
        if can_manage_surveys(self.request.user):
            survey = self.get_object()
            return survey, self._questions(survey)
        pk = self.kwargs.get(self.lookup_url_kwarg or self.lookup_field, "")
        if not ID.fullmatch(pk):
            raise Http404

        def published_survey_and_questions():
            # The surveys everyone sees (participation.policies): the published ones.
            survey = self.get_queryset().filter(pk=int(pk)).first()
            if survey is None:
                # Raised, not cached: any id can be asked for.
                raise Http404
            return survey, self._questions(survey)

        return cached_public(f"participation:answering:{pk}", published_survey_and_questions)

    def retrieve(self, request, *args, **kwargs):
        survey = self.get_object()
        self._results_public = {survey.pk: results_visible_to(request.user, survey)}
        context = self.get_serializer_context()
        context["questions"] = self._questions(survey)
        return APIResponse(SurveyDetailSerializer(survey, context=context).data)

    @extend_schema(
        parameters=[ID_PARAMETER],
        request=ResponseInputSerializer,
        responses={
            201: ResponseCreatedSerializer,
            400: _error("Invalid answers or access code."),
            403: _error("The survey is answered signed in."),
            409: _error("Already answered (`already_answered`) or not open (`survey_not_open`)."),
            429: _error(
                "Anonymous surveys: this address has had as many respondent passes as it may."
            ),
        },
        description=(
            "Answer the survey once. Answers are `{question, choice | choices | value | ranking "
            "| text}`; surveys with access codes need `access_code`. Nothing that identifies "
            "the respondent is stored with the answers. An anonymous survey accepts an answer "
            "with a respondent pass, a signed cookie that the first answer receives when it "
            "has none; passes are counted per client address for as long as the survey is open."
        ),
    )
    @action(detail=True, methods=["post"], url_path="responses")
    def responses(self, request, pk=None):
        survey, questions = self._survey_to_answer()
        payload = ResponseInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        raw = {item["question"]: answer_value(item) for item in payload.validated_data["answers"]}
        unknown = set(raw) - {q.pk for q in questions}
        if unknown:
            raise exceptions.ValidationError(
                {
                    "answers": [
                        _("These questions are not in this survey: %(ids)s.")
                        % {"ids": ", ".join(str(i) for i in sorted(unknown))}
                    ]
                }
            )
        respondent, new_pass = self._respondent(request, survey)
        code = payload.validated_data.get("access_code") or None
        if survey.identification == Identification.ACCESS_CODE:
            if ratelimit.code_attempts_blocked(request, survey.pk):
                raise exceptions.Throttled()
            if not code:
                raise exceptions.ValidationError(
                    {"access_code": [_("This survey is answered with an access code.")]}
                )
        try:
            survey_submit_response(
                survey=survey,
                answers=raw,
                respondent=respondent,
                access_code=code,
                questions=questions,
                age_band=payload.validated_data.get("age_band", ""),
            )
        except InvalidAnswers as exc:
            raise exceptions.ValidationError(
                {f"question_{pk}": [message] for pk, message in exc.errors.items()}
            ) from None
        except InvalidAccessCode:
            ratelimit.code_failed(request, survey.pk)
            raise exceptions.ValidationError(
                {"access_code": [_("This code is not valid for this survey.")]}
            ) from None
        except AlreadyAnswered:
            raise Conflict(
                _("This survey has already been answered by you or with this code."),
                code="already_answered",
            ) from None
        except SurveyNotOpen:
            raise Conflict(_("The survey is not open."), code="survey_not_open") from None
        response = APIResponse({"survey": survey.pk, "received": True}, status=201)
        if new_pass:
            pass_set_cookie(request, response, survey, new_pass)
        return response

    def _respondent(self, request, survey):
        if survey.identification == Identification.ACCOUNT:
            if not request.user.is_authenticated:
                raise exceptions.NotAuthenticated()
            return Respondent(RespondentKind.ACCOUNT, str(request.user.pk)), None
        if survey.identification == Identification.ANONYMOUS:
            # A respondent pass (participation.passes): the one this client holds, or a new one
            # while its address has not had its share.
            respondent_pass = pass_of(request, survey)
            if respondent_pass:
                return Respondent(RespondentKind.BROWSER, respondent_pass), None
            respondent_pass = pass_issue(request, survey)
            if respondent_pass is None:
                raise exceptions.Throttled()
            return Respondent(RespondentKind.BROWSER, respondent_pass), respondent_pass
        return None, None

    @extend_schema(
        parameters=[ID_PARAMETER],
        responses={200: SurveyResultsSerializer},
        description=(
            "Counts and percentages per question, once the survey's result policy has "
            "published them. Questions answered by fewer respondents than the minimum group "
            "size have `hidden: true` and no counts."
        ),
    )
    @action(detail=True, methods=["get"], url_path="results")
    def results(self, request, pk=None):
        survey = self.get_object()
        if not results_visible_to(request.user, survey):
            raise Http404
        data = SurveyResultsSerializer(
            survey_results(survey), context=self.get_serializer_context()
        ).data
        return APIResponse(data, status=status.HTTP_200_OK)


__all__ = ["SurveyViewSet"]
