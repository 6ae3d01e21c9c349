"""Key figures (tunnusluvut / nyckeltal): indicators, areas, values per period, targets, sources.

Values come from Statistics Finland's PxWeb tables, from the municipality's own CSV files and
from the portal's own data; every import is recorded as an ImportRun with the values it created
or changed (ValueChange). An import never deletes a value and writes all of a table or nothing.
Every write goes through indicators/services.py.
"""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Orderable


class Theme(models.TextChoices):
    ECONOMY = "economy", _("Economy")
    EMPLOYMENT = "employment", _("Employment and labour market")
    POPULATION = "population", _("Population and regional development")
    SERVICES = "services", _("The portal's own services")


class Direction(models.TextChoices):
    HIGHER = "higher", _("higher is better")
    LOWER = "lower", _("lower is better")
    NEUTRAL = "neutral", _("neither higher nor lower is better")


class AreaKind(models.TextChoices):
    COUNTRY = "country", _("whole country")
    REGION = "region", _("region")
    MUNICIPALITY = "municipality", _("municipality")


# Statistics Finland's area codes: SSS (whole country), MK01 (region), KU049 (municipality).
AREA_CODE = re.compile(r"SSS|MK[0-9]{2}|KU[0-9]{3}")
# Periods as PxWeb writes them: 2024, 2024Q3, 2024M05.
PERIOD = re.compile(r"(?P<year>[12][0-9]{3})(?:Q(?P<quarter>[1-4])|M(?P<month>0[1-9]|1[0-2]))?")
# A breakdown such as "gender:female" or "age:15-24" (several joined by commas); "" is the total.
BREAKDOWN = re.compile(
    r"(?:[a-z_]{1,30}:[-a-zA-Z0-9_+]{1,30}(?:,[a-z_]{1,30}:[-a-zA-Z0-9_+]{1,30})*)?"
)


def period_start(period: str) -> datetime.date:
    """The first day of a period written as PxWeb writes it (2024, 2024Q3, 2024M05)."""
    match = PERIOD.fullmatch(period)
    if match is None:
        raise ValueError(period)
    year = int(match["year"])
    if match["quarter"]:
        return datetime.date(year, 3 * int(match["quarter"]) - 2, 1)
    if match["month"]:
        return datetime.date(year, int(match["month"]), 1)
    return datetime.date(year, 1, 1)


def validate_period(value: str) -> None:
    if PERIOD.fullmatch(value) is None:
        raise ValidationError(_("Write the period as 2024, 2024Q3 or 2024M05."))


class Area(models.Model):
    """A municipality, a region or the whole country, with Statistics Finland's code."""

    code = models.CharField(_("code"), max_length=8, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=AreaKind.choices)
    # Translated per language by modeltranslation (indicators/translation.py).
    name = models.CharField(_("name"), max_length=100)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ("code",)

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def clean(self):
        if AREA_CODE.fullmatch(self.code or "") is None:
            raise ValidationError({"code": _("Use Statistics Finland's code: SSS, MK01 or KU049.")})


class Indicator(models.Model):
    """A key figure that leaders follow: what it measures, where it comes from, what is good."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    # Translated per language by modeltranslation: name, definition, unit, source.
    name = models.CharField(_("name"), max_length=200)
    definition = models.TextField(_("definition"), blank=True)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    decimals = models.PositiveSmallIntegerField(_("decimals"), default=1)
    theme = models.CharField(_("theme"), max_length=16, choices=Theme.choices)
    direction = models.CharField(
        _("direction"), max_length=8, choices=Direction.choices, default=Direction.NEUTRAL
    )
    source = models.CharField(_("source"), max_length=200)
    source_url = models.URLField(_("source address"), blank=True)
    licence = models.CharField(_("licence"), max_length=100, default="CC BY 4.0")
    licence_url = models.URLField(
        _("licence address"), blank=True, default="https://creativecommons.org/licenses/by/4.0/"
    )
    per_resident = models.BooleanField(
        _("compare per resident"),
        default=False,
        help_text=_(
            "The values are totals: areas are compared per resident, with the population "
            "indicator's value of the same period."
        ),
    )
    is_published = models.BooleanField(_("published"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ("theme", "order", "code")
        indexes = [models.Index(fields=["modified", "id"], name="indicators_sync_idx")]

    def __str__(self) -> str:
        return self.name


class SourceKind(models.TextChoices):
    PXWEB = "pxweb", _("Statistics Finland (PxWeb)")
    CSV = "csv", _("the municipality's own CSV file")
    PORTAL = "portal", _("the portal's own data")


class Source(models.Model):
    """A PxWeb table and the query that the daily import sends to it.

    `indicators` maps the codes of the table's content dimension to indicator codes; the
    table's dimensions are remembered at the first import, and a table whose dimensions have
    changed since is refused rather than read wrongly.
    """

    name = models.CharField(_("name"), max_length=200)
    base_url = models.URLField(
        _("API address"),
        blank=True,
        help_text=_("Empty: the address in the portal's settings (Statistics Finland)."),
    )
    table_path = models.CharField(
        _("table path"),
        max_length=300,
        help_text=_("For example StatFin/tyti/statfin_tyti_pxt_135y.px"),
    )
    query = models.JSONField(
        _("query"),
        default=dict,
        blank=True,
        help_text=_('The query as the PxWeb service shows it: {"query": [...]}.'),
    )
    area_dimension = models.CharField(_("area dimension"), max_length=60, default="Alue")
    time_dimension = models.CharField(_("time dimension"), max_length=60, default="Vuosi")
    contents_dimension = models.CharField(_("content dimension"), max_length=60, default="Tiedot")
    breakdown_dimensions = models.JSONField(
        _("breakdown dimensions"),
        default=dict,
        blank=True,
        help_text=_(
            'Other dimensions by name, with the breakdown each code stands for, e.g. {"Sukupuoli": '
            '{"name": "gender", "total": "SSS", "codes": {"1": "male", "2": "female"}}}.'
        ),
    )
    indicators = models.JSONField(
        _("indicators"),
        default=dict,
        help_text=_(
            'Content codes and the indicators they fill, e.g. {"tyottomyysaste": '
            '"unemployment-rate"}.'
        ),
    )
    expected_dimensions = models.JSONField(
        _("expected dimensions"),
        default=list,
        blank=True,
        help_text=_("Remembered at the first import; a table whose dimensions change is refused."),
    )
    is_active = models.BooleanField(_("fetched daily"), default=True)
    last_run = models.ForeignKey(
        "ImportRun",
        verbose_name=_("latest import"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        verbose_name = _("statistics source")
        verbose_name_plural = _("statistics sources")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    def last_result(self) -> str:
        """The latest import's status and, if it failed, why (for the staff's list)."""
        run = self.last_run
        if run is None:
            return str(_("not imported yet"))
        text = f"{run.get_status_display()} ({timezone.localtime(run.finished_at):%Y-%m-%d %H:%M})"
        return f"{text}: {run.message}" if run.message else text

    last_result.short_description = _("latest import")

    def clean(self):
        if not isinstance(self.indicators, dict) or not self.indicators:
            raise ValidationError({"indicators": _("Map at least one content code.")})
        if not isinstance(self.query, dict):
            raise ValidationError({"query": _("The query is a JSON object.")})
        if not isinstance(self.breakdown_dimensions, dict):
            raise ValidationError({"breakdown_dimensions": _("Write a JSON object.")})


class RunStatus(models.TextChoices):
    CHANGED = "changed", _("imported, values changed")
    UNCHANGED = "unchanged", _("imported, nothing changed")
    FAILED = "failed", _("failed, nothing changed")
    REFUSED = "refused", _("refused, nothing changed")


class ImportRun(models.Model):
    """One import of a source or a file: who, when, what came in and what it changed."""

    kind = models.CharField(_("kind"), max_length=8, choices=SourceKind.choices)
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="runs",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    file_name = models.CharField(_("file"), max_length=200, blank=True)
    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"))
    status = models.CharField(_("status"), max_length=12, choices=RunStatus.choices)
    # Why it failed or was refused, in the words staff read (the admin's language at the time).
    message = models.TextField(_("message"), blank=True)
    checksum = models.CharField(_("checksum (SHA-256)"), max_length=64, blank=True)
    created_count = models.PositiveIntegerField(_("new values"), default=0)
    changed_count = models.PositiveIntegerField(_("changed values"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged values"), default=0)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=1)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ("-started_at", "-id")

    def __str__(self) -> str:
        what = self.source.name if self.source_id else self.file_name or self.get_kind_display()
        return f"{what} {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def succeeded(self) -> bool:
        return self.status in (RunStatus.CHANGED, RunStatus.UNCHANGED)


class Value(models.Model):
    """An indicator's value for one area and period, optionally for one part of a breakdown."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="values"
    )
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="values"
    )
    period = models.CharField(_("period"), max_length=8, validators=[validate_period])
    period_start = models.DateField(_("period starts"))
    breakdown = models.CharField(_("breakdown"), max_length=64, blank=True, default="")
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4)
    run = models.ForeignKey(
        ImportRun,
        verbose_name=_("latest import"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        verbose_name = _("value")
        verbose_name_plural = _("values")
        ordering = ("indicator", "area", "period_start", "breakdown")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "period", "breakdown"],
                name="indicators_value_unique",
            )
        ]
        indexes = [
            models.Index(
                fields=["indicator", "breakdown", "area", "period_start"],
                name="indicators_value_series_idx",
            ),
            models.Index(fields=["modified", "id"], name="indicators_value_sync_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.area_id} {self.period} {self.value}"


class ValueChange(models.Model):
    """What an import did to one value: created it (no old value) or changed it."""

    run = models.ForeignKey(
        ImportRun, verbose_name=_("import"), on_delete=models.CASCADE, related_name="changes"
    )
    value = models.ForeignKey(
        Value, verbose_name=_("value"), on_delete=models.CASCADE, related_name="changes"
    )
    old_value = models.DecimalField(
        _("old value"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    new_value = models.DecimalField(_("new value"), max_digits=20, decimal_places=4)

    class Meta:
        verbose_name = _("value change")
        verbose_name_plural = _("value changes")
        ordering = ("run", "id")

    def __str__(self) -> str:
        return f"{self.old_value} → {self.new_value}"


class Target(models.Model):
    """A target the council set for an indicator in the home municipality for a period."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="targets"
    )
    period = models.CharField(_("period"), max_length=8, validators=[validate_period])
    value = models.DecimalField(_("target value"), max_digits=20, decimal_places=4)
    decision = models.CharField(
        _("decision"), max_length=200, blank=True, help_text=_("The council decision, e.g. § 42.")
    )

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ("indicator", "period")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="indicators_target_unique")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period}: {self.value}"


@register_setting(icon="table")
class ComparisonSettings(BaseGenericSetting):
    """Which municipality the key figures are about and whom it is compared with."""

    home_area = models.ForeignKey(
        Area,
        verbose_name=_("this municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": AreaKind.MUNICIPALITY},
    )
    reference_areas = models.ManyToManyField(
        Area,
        verbose_name=_("reference municipalities"),
        blank=True,
        related_name="+",
        limit_choices_to={"kind": AreaKind.MUNICIPALITY},
    )

    class Meta:
        verbose_name = _("key figure comparison")


class Selection(ClusterableModel):
    """The leadership group's own selection of indicators; its members get the alerts."""

    name = models.CharField(_("name"), max_length=200)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("members"),
        blank=True,
        related_name="indicator_selections",
        help_text=_("They see the selection and get its alerts by e-mail in their language."),
    )
    alert_on_new_data = models.BooleanField(_("alert when new figures arrive"), default=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        verbose_name = _("leadership selection")
        verbose_name_plural = _("leadership selections")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class SelectionItem(Orderable):
    """An indicator of a selection, with the thresholds whose crossing sends an alert."""

    selection = ParentalKey(Selection, on_delete=models.CASCADE, related_name="items")
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="+"
    )
    alert_above = models.DecimalField(
        _("alert when above"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    alert_below = models.DecimalField(
        _("alert when below"), max_digits=20, decimal_places=4, null=True, blank=True
    )

    class Meta(Orderable.Meta):
        verbose_name = _("selected indicator")
        verbose_name_plural = _("selected indicators")
