"""Digital maturity self-assessment (digitaalinen kypsyys / digital mognad).

The catalogue (sectors, services and the process phases each service has) is data that staff
extend. A yearly Round assesses services: adopted or not, each phase's level, the share of
transactions done electronically, and the figures of the savings estimate. Scores are not stored:
maturity.scoring computes them from these inputs with the documented formula, for the portal's
own rounds and for other municipalities' imported documents alike.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.IntegerChoices):
    """How far a process phase is handled electronically; the value is its points."""

    MANUAL = 0, _("manual")
    FORM = 1, _("electronic form")
    END_TO_END = 2, _("electronic end to end")
    AUTOMATED = 3, _("automated")


# Stable identifiers of the levels in the exchange document and the API.
LEVEL_CODES = {
    Level.MANUAL: "manual",
    Level.FORM: "electronic_form",
    Level.END_TO_END: "electronic_end_to_end",
    Level.AUTOMATED: "automated",
}
LEVEL_BY_CODE = {code: level for level, code in LEVEL_CODES.items()}

MONEY = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(Decimal(0))]}


class Sector(models.Model):
    """A sector of the municipality (toimiala / sektor) that services are listed under."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ("sort_order", "code")

    def __str__(self) -> str:
        return self.name


class ProcessPhase(models.Model):
    """A phase of a service's process: information, application, handling, decision…"""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("process phase")
        verbose_name_plural = _("process phases")
        ordering = ("sort_order", "code")

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    """A municipal service in the catalogue, with the process phases it goes through."""

    sector = models.ForeignKey(
        Sector, verbose_name=_("sector"), on_delete=models.PROTECT, related_name="services"
    )
    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    phases = models.ManyToManyField(
        ProcessPhase, verbose_name=_("process phases"), related_name="services"
    )
    case_type = models.ForeignKey(
        "cases.CaseType",
        verbose_name=_("case type"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="maturity_services",
        help_text=_("The portal suggests values from the cases of this type."),
    )
    is_active = models.BooleanField(_("assessed"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ("sector__sort_order", "sort_order", "code")

    def __str__(self) -> str:
        return self.name


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")


class Round(models.Model):
    """One year's assessment of the municipality's services."""

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    status = models.CharField(
        _("status"), max_length=16, choices=RoundStatus.choices, default=RoundStatus.DRAFT
    )
    summary = models.TextField(_("summary"), blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        verbose_name = _("assessment round")
        verbose_name_plural = _("assessment rounds")
        ordering = ("-year",)

    def __str__(self) -> str:
        return str(self.year)

    @property
    def is_published(self) -> bool:
        return self.status == RoundStatus.PUBLISHED


class Assessment(models.Model):
    """One service's assessment in a round, with its savings estimate."""

    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="assessments"
    )
    service = models.ForeignKey(
        Service, verbose_name=_("service"), on_delete=models.PROTECT, related_name="assessments"
    )
    adopted = models.BooleanField(_("adopted"), default=False)
    reason = models.TextField(
        _("reason"), blank=True, help_text=_("Why the service is or is not in use.")
    )
    electronic_share = models.PositiveSmallIntegerField(
        _("share of transactions done electronically (%)"),
        default=0,
        validators=[MaxValueValidator(100)],
    )
    next_steps = models.TextField(_("planned next steps"), blank=True)
    transactions_per_year = models.PositiveIntegerField(_("transactions per year"), default=0)
    minutes_saved = models.DecimalField(
        _("minutes saved per transaction"),
        max_digits=7,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    cost_per_hour = models.DecimalField(_("cost per hour (€)"), default=Decimal(0), **MONEY)
    investment = models.DecimalField(_("one-off investment (€)"), default=Decimal(0), **MONEY)
    yearly_cost = models.DecimalField(_("yearly cost (€)"), default=Decimal(0), **MONEY)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ("service__sector__sort_order", "service__sort_order", "service__code")
        constraints = [
            models.UniqueConstraint(fields=["round", "service"], name="maturity_one_per_round"),
            models.CheckConstraint(
                condition=models.Q(electronic_share__lte=100), name="maturity_share_percent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round} {self.service}"

    def clean(self):
        reasons = [getattr(self, f"reason_{code}", "") or "" for code in ("fi", "sv", "en")]
        if not self.adopted and not any(text.strip() for text in reasons):
            raise ValidationError({"reason": _("Say why the service is not in use.")})


class PhaseLevel(models.Model):
    """The level of one process phase of an assessed service."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="phase_levels"
    )
    phase = models.ForeignKey(ProcessPhase, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)

    class Meta:
        verbose_name = _("phase level")
        verbose_name_plural = _("phase levels")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "phase"], name="maturity_one_level"),
        ]

    def __str__(self) -> str:
        return f"{self.phase}: {self.get_level_display()}"


class Correction(models.Model):
    """A change to a published round: who, when and why, shown on the public page."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="corrections")
    service = models.ForeignKey(
        Service, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("what was corrected and why"))
    at = models.DateTimeField(_("time"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ("at", "id")

    def __str__(self) -> str:
        return self.note


class ImportedRound(models.Model):
    """Another municipality's published round, imported from its open JSON export."""

    municipality = models.CharField(_("municipality"), max_length=200)
    municipality_code = models.CharField(_("municipality code"), max_length=20, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    published_at = models.DateTimeField(_("published"))
    source = models.CharField(_("source"), max_length=500)
    document = models.JSONField(_("document"))
    checksum = models.CharField(_("checksum (SHA-256)"), max_length=64)
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("imported round")
        verbose_name_plural = _("imported rounds")
        ordering = ("municipality", "-year")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"], name="maturity_one_import_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.year}"
