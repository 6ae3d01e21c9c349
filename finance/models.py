"""Fiscal years, the budget structure, imported figures, amendments, targets and reports.

Figures come only from the finance system's export (finance/importer.py); what the public sees
of them is decided by the published reports (finance/policies.py). Every write goes through
finance/services.py.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from finance.accounts import Line, Part

MONEY = {"max_digits": 16, "decimal_places": 2}
PERIODS = 12


class FiscalYear(models.Model):
    """A fiscal year (varainhoitovuosi / räkenskapsår) with the facts its key figures need."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    population = models.PositiveIntegerField(
        _("population"), null=True, blank=True, help_text=_("Residents, for per-resident figures.")
    )
    tax_rate = models.DecimalField(
        _("income tax rate"), max_digits=4, decimal_places=2, null=True, blank=True
    )
    loan_stock = models.DecimalField(
        _("loans at the end of the year"), **MONEY, null=True, blank=True
    )
    # Denormalised from the published reports (finance.services.report_publish).
    budget_published_on = models.DateField(_("budget published on"), null=True, editable=False)
    published_through = models.PositiveSmallIntegerField(
        _("actuals published through period"), default=0, editable=False
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        verbose_name = _("fiscal year")
        verbose_name_plural = _("fiscal years")
        ordering = ("-year",)
        indexes = [models.Index(fields=["modified", "id"], name="finance_year_sync_idx")]

    def __str__(self) -> str:
        return str(self.year)


class Level(models.TextChoices):
    SECTOR = "sector", _("Sector")
    AREA = "area", _("Responsibility area")
    UNIT = "unit", _("Unit")
    PROJECT = "project", _("Investment project")


PARENT_LEVELS = {
    Level.SECTOR: (None,),
    Level.AREA: (Level.SECTOR,),
    Level.UNIT: (Level.AREA, Level.SECTOR),
    Level.PROJECT: (Level.SECTOR, Level.AREA),
}


class Node(models.Model):
    """A place in the budget structure: sector, responsibility area, unit or investment project.

    Cost centres of the export are the codes of units and projects; the council's binding level
    is marked on the nodes whose appropriations it approves.
    """

    code = models.CharField(_("code"), max_length=20, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    # Translated per language by modeltranslation (finance/translation.py).
    name = models.CharField(_("name"), max_length=200)
    is_binding = models.BooleanField(
        _("binding level"), default=False, help_text=_("The council approves this appropriation.")
    )
    total_cost = models.DecimalField(
        _("total cost"),
        **MONEY,
        null=True,
        blank=True,
        help_text=_("Investment projects: the estimated cost over all years."),
    )
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        verbose_name = _("budget node")
        verbose_name_plural = _("budget structure")
        ordering = ("sort_order", "code")
        indexes = [
            models.Index(fields=["modified", "id"], name="finance_node_sync_idx"),
            models.Index(fields=["parent", "sort_order", "code"], name="finance_node_children_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def clean(self):
        parent_level = self.parent.level if self.parent_id else None
        if parent_level not in PARENT_LEVELS.get(self.level, ()):
            raise ValidationError({"parent": _("This level cannot be placed under that parent.")})


class FinanceImport(models.Model):
    """One upload of the finance system's export: who, when, which file."""

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    file_name = models.CharField(_("file name"), max_length=255)
    checksum = models.CharField(_("SHA-256 checksum"), max_length=64)
    rows = models.PositiveIntegerField(_("rows"))
    periods = models.JSONField(_("periods"), default=list)
    budget_total = models.DecimalField(_("budget total"), **MONEY)
    actual_total = models.DecimalField(_("actual total"), **MONEY)

    class Meta:
        verbose_name = _("finance import")
        verbose_name_plural = _("finance imports")
        ordering = ("-uploaded_at", "-id")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.uploaded_at:%Y-%m-%d %H:%M})"


class Figure(models.Model):
    """One row of the export: a cost centre's budget and actual on one account in one period."""

    year = models.ForeignKey(FiscalYear, on_delete=models.CASCADE, related_name="figures")
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="figures")
    account = models.CharField(_("account"), max_length=12)
    line = models.CharField(_("line"), max_length=24, choices=Line.choices)
    part = models.CharField(_("part"), max_length=20, choices=Part.choices)
    period = models.PositiveSmallIntegerField(_("period"))
    budget = models.DecimalField(_("budget"), **MONEY, default=0)
    actual = models.DecimalField(_("actual"), **MONEY, default=0)
    source = models.ForeignKey(
        FinanceImport, on_delete=models.PROTECT, related_name="figures", verbose_name=_("import")
    )

    class Meta:
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "period", "node", "account"], name="finance_figure_unique"
            ),
            models.CheckConstraint(
                condition=Q(period__gte=1, period__lte=PERIODS), name="finance_figure_period"
            ),
        ]
        indexes = [
            models.Index(fields=["year", "node", "line"], name="finance_figure_node_idx"),
            # The API's list of one year, in its cursor order.
            models.Index(fields=["year", "id"], name="finance_figure_year_id_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.year_id}/{self.period} {self.account}"


class ReportKind(models.TextChoices):
    BUDGET = "budget", _("Budget")
    INTERIM = "interim", _("Interim report")
    STATEMENTS = "statements", _("Financial statements")


class Report(models.Model):
    """The budget, an interim report or the financial statements of a year: published once,
    after which its figures stand as they were."""

    year = models.ForeignKey(FiscalYear, on_delete=models.PROTECT, related_name="reports")
    kind = models.CharField(_("kind"), max_length=12, choices=ReportKind.choices)
    through_period = models.PositiveSmallIntegerField(
        _("actuals through period"),
        default=0,
        help_text=_("Interim report January–April: 4; January–August: 8. Budget: 0."),
    )
    narrative = models.TextField(_("narrative"), blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document (PDF)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    published_on = models.DateField(_("published on"), null=True, blank=True, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ("year__year", "through_period", "kind")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "kind", "through_period"], name="finance_report_unique"
            ),
            models.CheckConstraint(
                condition=Q(through_period__gte=0, through_period__lte=PERIODS),
                name="finance_report_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year.year}"

    @property
    def is_published(self) -> bool:
        return self.published_on is not None

    def clean(self):
        expected = {ReportKind.BUDGET: (0,), ReportKind.STATEMENTS: (PERIODS,)}.get(self.kind)
        if expected is not None and self.through_period not in expected:
            raise ValidationError({"through_period": _("Not possible for this kind of report.")})
        if self.kind == ReportKind.INTERIM and not 1 <= self.through_period < PERIODS:
            raise ValidationError(
                {"through_period": _("An interim report covers 1 to 11 periods.")}
            )


class ReportLine(models.Model):
    """A published report's figures per node and line, as they stood on publication.

    `node` is empty for the municipality's totals; `plan_year` is set for the financial plan's
    years in the budget.
    """

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="lines")
    node = models.ForeignKey(Node, on_delete=models.PROTECT, null=True, related_name="+")
    line = models.CharField(max_length=24, choices=Line.choices)
    plan_year = models.PositiveSmallIntegerField(null=True)
    budget = models.DecimalField(**MONEY, default=0)
    amended = models.DecimalField(**MONEY, default=0)
    actual = models.DecimalField(**MONEY, default=0)

    class Meta:
        indexes = [models.Index(fields=["report", "node"], name="finance_line_node_idx")]

    def __str__(self) -> str:
        return f"{self.report_id} {self.node_id} {self.line}"


class Amendment(models.Model):
    """A budget amendment (talousarviomuutos / budgetändring) approved by the council."""

    year = models.ForeignKey(FiscalYear, on_delete=models.PROTECT, related_name="amendments")
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="amendments")
    line = models.CharField(_("line"), max_length=24, choices=Line.choices)
    amount = models.DecimalField(
        _("amount"), **MONEY, help_text=_("Positive: more appropriation; negative: less.")
    )
    approved_on = models.DateField(_("approved on"))
    agenda_item = models.ForeignKey(
        "decisions.AgendaItem",
        verbose_name=_("council decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_amendments",
    )
    description = models.TextField(_("description"), blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        verbose_name = _("budget amendment")
        verbose_name_plural = _("budget amendments")
        ordering = ("approved_on", "id")

    def __str__(self) -> str:
        return f"{self.node.code} {self.amount} ({self.approved_on})"


class Forecast(models.Model):
    """A report's forecast of a node's net cost for the whole year, with its explanation."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="forecasts")
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="forecasts")
    amount = models.DecimalField(_("forecast net cost"), **MONEY)
    explanation = models.TextField(_("explanation of deviations"), blank=True)

    class Meta:
        verbose_name = _("forecast")
        verbose_name_plural = _("forecasts")
        constraints = [
            models.UniqueConstraint(fields=["report", "node"], name="finance_forecast_unique")
        ]

    def __str__(self) -> str:
        return f"{self.report} {self.node.code}"


class Target(models.Model):
    """A binding target (sitova tavoite / bindande mål) set by the council for a node."""

    year = models.ForeignKey(FiscalYear, on_delete=models.PROTECT, related_name="targets")
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="targets")
    title = models.CharField(_("target"), max_length=300)
    indicator = models.CharField(_("indicator"), max_length=300)
    target_value = models.CharField(_("target value"), max_length=100)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        verbose_name = _("binding target")
        verbose_name_plural = _("binding targets")
        ordering = ("sort_order", "id")
        indexes = [models.Index(fields=["modified", "id"], name="finance_target_sync_idx")]

    def __str__(self) -> str:
        return self.title


class TargetState(models.TextChoices):
    ACHIEVED = "achieved", _("Achieved")
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    NOT_ACHIEVED = "not_achieved", _("Not achieved")


class TargetStatus(models.Model):
    """A target's status in one report, with the explanation."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="statuses")
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="target_statuses")
    status = models.CharField(_("status"), max_length=14, choices=TargetState.choices)
    explanation = models.TextField(_("explanation"), blank=True)

    class Meta:
        verbose_name = _("target status")
        verbose_name_plural = _("target statuses")
        constraints = [
            models.UniqueConstraint(fields=["target", "report"], name="finance_status_unique")
        ]

    def __str__(self) -> str:
        return f"{self.target} – {self.get_status_display()}"
