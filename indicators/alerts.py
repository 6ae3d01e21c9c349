"""Alerts to the leadership group, written to the notification outbox by an import.

An event is either new figures of a selected indicator (one per import) or a threshold crossed
by the home municipality's latest value (one per threshold and period); each member hears of it
once, in their own language, whatever imports follow.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from indicators.models import (
    ComparisonSettings,
    ImportRun,
    Indicator,
    SelectionItem,
    Value,
    ValueChange,
)
from indicators.periods import period_in


def _format(value: Decimal, indicator: Indicator) -> str:
    return number_format(value, decimal_pos=indicator.decimals, use_l10n=True)


def _texts(event: str, item: SelectionItem, current: Value | None, language: str):
    indicator = item.indicator
    name = getattr(indicator, f"name_{language}", "") or indicator.name_fi
    if event == "new":
        subject = _("New figures: %(indicator)s") % {"indicator": name}
        body = _(
            "New figures of %(indicator)s have been published; the indicator is in the "
            "selection %(selection)s."
        ) % {"indicator": name, "selection": item.selection.name}
        return subject, body
    threshold = item.alert_above if event == "above" else item.alert_below
    values = {
        "indicator": name,
        "period": period_in(current.period),
        "value": _format(current.value, indicator),
        "threshold": _format(threshold, indicator),
        "unit": getattr(indicator, f"unit_{language}", "") or indicator.unit,
    }
    if event == "above":
        subject = _("%(indicator)s rose above %(threshold)s") % values
        body = (
            _(
                "%(indicator)s was %(value)s %(unit)s in %(period)s, above the leadership "
                "group's threshold of %(threshold)s %(unit)s."
            )
            % values
        )
    else:
        subject = _("%(indicator)s fell below %(threshold)s") % values
        body = (
            _(
                "%(indicator)s was %(value)s %(unit)s in %(period)s, below the leadership "
                "group's threshold of %(threshold)s %(unit)s."
            )
            % values
        )
    return subject, body


def _events(item: SelectionItem, run: ImportRun, created_for: set[int], series: list[Value]):
    events = []
    if item.selection.alert_on_new_data and item.indicator_id in created_for:
        events.append(("new", f"indicators:new:{run.pk}:{item.pk}", None))
    if not series:
        return events
    current = series[0]
    previous = series[1] if len(series) > 1 else None
    above, below = item.alert_above, item.alert_below
    if (
        above is not None
        and current.value > above
        and (previous is None or previous.value <= above)
    ):
        events.append(("above", f"indicators:above:{item.pk}:{current.period}", current))
    if (
        below is not None
        and current.value < below
        and (previous is None or previous.value >= below)
    ):
        events.append(("below", f"indicators:below:{item.pk}:{current.period}", current))
    return events


def alerts_queue(*, run: ImportRun) -> int:
    """Queue the alerts an import causes, in the caller's transaction; returns how many."""
    from notifications.services import notification_create

    changes = list(
        ValueChange.objects.filter(run=run)
        .select_related("value")
        .only("old_value", "value__indicator_id")
    )
    touched = {change.value.indicator_id for change in changes}
    if not touched:
        return 0
    created_for = {change.value.indicator_id for change in changes if change.old_value is None}
    home = ComparisonSettings.load().home_area
    items = list(
        SelectionItem.objects.filter(indicator_id__in=touched)
        .select_related("indicator", "selection")
        .prefetch_related("selection__members")
    )
    latest: dict[int, list[Value]] = {}
    if home is not None:
        for indicator_id in {item.indicator_id for item in items}:
            latest[indicator_id] = list(
                Value.objects.filter(indicator_id=indicator_id, area=home, breakdown="").order_by(
                    "-period_start"
                )[:2]
            )
    count = 0
    for item in items:
        members = [m for m in item.selection.members.all() if m.is_active and m.email]
        for event, key, current in _events(
            item, run, created_for, latest.get(item.indicator_id, [])
        ):
            for member in members:
                language = member.language or settings.LANGUAGE_CODE
                with translation.override(language):
                    subject, body = _texts(event, item, current, language)
                    link = reverse("indicators:detail", kwargs={"code": item.indicator.code})
                notification_create(
                    user=member,
                    language=language,
                    kind=f"indicators.{event}",
                    subject=subject,
                    body=body,
                    url=link,
                    dedupe_key=f"{key}:{member.pk}",
                )
                count += 1
    return count
