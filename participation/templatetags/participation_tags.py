"""`{% young_peoples_view item %}`: the results of the surveys linked to an agenda item."""

from django import template

from participation.models import Survey
from participation.policies import results_are_public
from participation.selectors import survey_results

register = template.Library()


@register.inclusion_tag("participation/includes/young_view.html", takes_context=True)
def young_peoples_view(context, item):
    """The published results of the (first) survey linked to the agenda item: a fixed number of
    queries whatever the number of responses."""
    survey = (
        Survey.objects.filter(agenda_item=item, is_published=True)
        .select_related("agenda_item__meeting__body")
        .order_by("-closes_at", "id")
        .first()
    )
    if survey is None or not results_are_public(survey):
        return {"survey": None}
    return {"survey": survey, "results": survey_results(survey), "request": context.get("request")}
