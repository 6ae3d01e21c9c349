"""Who may see which surveys and results; views, API and exports all ask this module."""

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from accounts.powers import staff_perm
from participation.models import ResultPolicy, Survey

MANAGE_PERMISSION = "participation.change_survey"
EXPORT_PERMISSION = "participation.view_response"


def can_manage_surveys(user) -> bool:
    return staff_perm(user, MANAGE_PERMISSION)


def surveys_visible_to(user) -> QuerySet[Survey]:
    """Everyone sees published surveys; staff who manage surveys also see drafts."""
    surveys = Survey.objects.select_related("agenda_item__meeting__body")
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
    if survey.results_published_at is not None and survey.results_published_at <= now:
        return True
    return decision_is_public(survey, now)


def decision_is_public(survey: Survey, now: datetime.datetime | None = None) -> bool:
    """Whether the linked agenda item's decision is published (its minutes are out)."""
    from decisions.policies import item_disclosure

    if not agenda_item_visible(survey, now):
        return False
    return item_disclosure(survey.agenda_item, now).decision


def results_visible_to(user, survey: Survey, now: datetime.datetime | None = None) -> bool:
    """The public sees results as the policy publishes them; survey managers always."""
    return results_are_public(survey, now) or can_manage_surveys(user)


def can_export_responses(user) -> bool:
    """Staff who may read responses export them (CSV, XLSX) from the admin."""
    return staff_perm(user, EXPORT_PERMISSION)


def agenda_item_visible(survey: Survey, now: datetime.datetime | None = None) -> bool:
    """Whether the linked agenda item is public (its agenda is published): only then does the
    survey's page name it."""
    item = survey.agenda_item
    if item is None:
        return False
    meeting = item.meeting
    now = now or timezone.now()
    return (
        meeting.body.is_active
        and meeting.agenda_publish_at is not None
        and meeting.agenda_publish_at <= now
    )
