"""Who may see which surveys and results; views, API and exports all ask this module."""

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from participation.models import ResultPolicy, Survey

MANAGE_PERMISSION = "participation.change_survey"
EXPORT_PERMISSION = "participation.view_response"


def can_manage_surveys(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.has_perm(MANAGE_PERMISSION))


def surveys_visible_to(user) -> QuerySet[Survey]:
    """Everyone sees published surveys; staff who manage surveys also see drafts."""
    surveys = Survey.objects.all()
    if can_manage_surveys(user):
        return surveys
    return surveys.filter(is_published=True)


def results_are_public(survey: Survey, now: datetime.datetime | None = None) -> bool:
    """Whether the survey's result policy has published its results by `now`."""
    now = now or timezone.now()
    if not survey.is_published or survey.result_policy == ResultPolicy.NEVER:
        return False
    if now < survey.closes_at:
        return False
    if survey.result_policy == ResultPolicy.AFTER_CLOSE:
        return True
    return survey.results_published_at is not None and survey.results_published_at <= now


def results_visible_to(user, survey: Survey, now: datetime.datetime | None = None) -> bool:
    """The public sees results as the policy publishes them; survey managers always."""
    return results_are_public(survey, now) or can_manage_surveys(user)


def can_export_responses(user) -> bool:
    """Staff who may read responses export them (CSV, XLSX) from the admin."""
    return bool(user is not None and user.is_authenticated and user.has_perm(EXPORT_PERMISSION))
