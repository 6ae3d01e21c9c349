"""Youth surveys (kysely / enkät): questions, single-use access codes, anonymous responses.

Privacy by construction: a Response and its Answers hold no user id, IP address, session id or
timestamp finer than a day, and have random primary keys, so that nothing orders or joins them to
a respondent. The one-answer-per-respondent rule lives apart from them, in RespondentToken: a keyed
hash of (survey, account / access code / browser) under a unique constraint.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable


class Identification(models.TextChoices):
    ANONYMOUS = "anonymous", _("anonymous, one answer per browser")
    ACCOUNT = "account", _("signed-in account, one answer per account")
    ACCESS_CODE = "access_code", _("single-use access codes")


class ResultPolicy(models.TextChoices):
    AFTER_CLOSE = "after_close", _("published when the survey closes")
    WITH_DECISION = "with_decision", _("published with the decision")
    NEVER = "never", _("never public")


class DisplayMode(models.TextChoices):
    ONE_PER_SCREEN = "one_per_screen", _("one question per screen")
    ALL_AT_ONCE = "all_at_once", _("all questions at once")


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("everyone")
    AGE_RANGE = "age_range", _("an age range")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("single choice")
    MULTIPLE = "multiple", _("multiple choice")
    SCALE = "scale", _("scale")
    RANKING = "ranking", _("ranking")
    SHORT_TEXT = "short_text", _("short text")
    LONG_TEXT = "long_text", _("long text")
    INFO = "info", _("information text")


# Age bands a survey may ask for; a respondent may also leave it unanswered.
AGE_BANDS = ("13-15", "16-17", "18-20", "21-24", "25-28")

CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.RANKING)
TEXT_KINDS = (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT)
SHORT_TEXT_MAX = 200
LONG_TEXT_MAX = 4000


class ModerationStatus(models.TextChoices):
    PENDING = "pending", _("waiting for moderation")
    APPROVED = "approved", _("approved for publication")
    REJECTED = "rejected", _("not published")


class Survey(ClusterableModel):
    """A survey that officials build in the admin and young people answer on their phones."""

    # Translated per language by modeltranslation (participation/translation.py).
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Unpublished surveys are visible to staff only."),
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    audience = models.CharField(
        _("audience"), max_length=16, choices=Audience.choices, default=Audience.EVERYONE
    )
    age_min = models.PositiveSmallIntegerField(
        _("youngest age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    age_max = models.PositiveSmallIntegerField(
        _("oldest age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    area = models.CharField(_("area"), max_length=200, blank=True)
    asks_age_band = models.BooleanField(
        _("ask for the age band"),
        default=False,
        help_text=_(
            "Respondents may tell their age band (for example 13–15); results are then also "
            "shown by age band, small groups hidden. Otherwise no age is stored."
        ),
    )
    identification = models.CharField(
        _("identification"),
        max_length=16,
        choices=Identification.choices,
        default=Identification.ANONYMOUS,
        help_text=_("Cannot be changed once the survey has responses."),
    )
    display_mode = models.CharField(
        _("display"),
        max_length=16,
        choices=DisplayMode.choices,
        default=DisplayMode.ONE_PER_SCREEN,
    )
    result_policy = models.CharField(
        _("result policy"),
        max_length=16,
        choices=ResultPolicy.choices,
        default=ResultPolicy.AFTER_CLOSE,
    )
    results_published_at = models.DateTimeField(
        _("results published at"),
        null=True,
        blank=True,
        help_text=_("For results published with the decision: when the decision was published."),
    )
    min_group_size = models.PositiveSmallIntegerField(
        _("minimum group size"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text=_("Results of fewer respondents than this are hidden everywhere."),
    )
    body = models.ForeignKey(
        "decisions.Body",
        verbose_name=_("body"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="surveys",
    )
    agenda_item = models.ForeignKey(
        "decisions.AgendaItem",
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="surveys",
        help_text=_("The agenda item the survey informs; its page shows the results."),
    )
    case_type_code = models.CharField(
        _("case type"),
        max_length=100,
        blank=True,
        help_text=_("Code of the case type the survey concerns, if any."),
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ("-opens_at", "id")
        indexes = [models.Index(fields=["modified", "id"], name="participation_survey_sync_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="participation_survey_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return self.title or f"#{self.pk}"

    def clean(self):
        super().clean()
        errors = {}
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = _("The survey must close after it opens.")
        if self.audience == Audience.AGE_RANGE and (self.age_min is None or self.age_max is None):
            errors["age_min"] = _("Give the youngest and the oldest age of the audience.")
        elif self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            errors["age_max"] = _("The oldest age cannot be below the youngest.")
        if self.pk and self.has_responses():
            stored = Survey.objects.filter(pk=self.pk).values_list("identification", flat=True)
            if stored and stored[0] != self.identification:
                errors["identification"] = _(
                    "The identification cannot change once the survey has responses."
                )
        if errors:
            raise ValidationError(errors)

    def has_responses(self) -> bool:
        return self.pk is not None and Response.objects.filter(survey_id=self.pk).exists()

    def state(self, now=None) -> str:
        """`upcoming`, `open` or `closed` at `now`."""
        now = now or timezone.now()
        if now < self.opens_at:
            return "upcoming"
        if now >= self.closes_at:
            return "closed"
        return "open"

    def is_open(self, now=None) -> bool:
        return self.state(now) == "open"


class Question(Orderable):
    """One question of a survey, or an information text between questions."""

    survey = ParentalKey(Survey, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("type"), max_length=16, choices=QuestionKind.choices)
    text = models.TextField(_("question"))
    help_text = models.CharField(_("help text"), max_length=300, blank=True)
    required = models.BooleanField(_("required"), default=False)
    # One option per line (single, multiple, ranking); stored as Option rows by the service.
    options_text = models.TextField(
        _("options"), blank=True, help_text=_("One option per line, in the order shown.")
    )
    min_choices = models.PositiveSmallIntegerField(
        _("at least"), null=True, blank=True, help_text=_("Multiple choice: fewest choices.")
    )
    max_choices = models.PositiveSmallIntegerField(
        _("at most"), null=True, blank=True, help_text=_("Multiple choice: most choices.")
    )
    scale_min = models.SmallIntegerField(
        _("scale from"), default=1, validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    scale_max = models.SmallIntegerField(
        _("scale to"), default=5, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    scale_min_label = models.CharField(_("label of the low end"), max_length=100, blank=True)
    scale_max_label = models.CharField(_("label of the high end"), max_length=100, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ("sort_order", "id")

    def __str__(self) -> str:
        return self.text[:80]

    def clean(self):
        super().clean()
        errors = {}
        lines = [line for line in (self.options_text_fi or "").splitlines() if line.strip()]
        if self.kind in CHOICE_KINDS and len(lines) < 2:
            errors["options_text_fi"] = _("Give at least two options, one per line.")
        if self.kind == QuestionKind.SCALE and self.scale_max <= self.scale_min:
            errors["scale_max"] = _("The scale must end above where it starts.")
        if (
            self.min_choices is not None
            and self.max_choices is not None
            and self.min_choices > self.max_choices
        ):
            errors["max_choices"] = _("The most choices cannot be below the fewest.")
        if self.kind == QuestionKind.INFO:
            self.required = False
        if self.survey_id and Response.objects.filter(survey_id=self.survey_id).exists():
            if self.pk is None or self.changed_fields():
                errors["__all__"] = _("Questions cannot change once the survey has responses.")
        if errors:
            raise ValidationError(errors)

    LOCKED_FIELDS = (
        "kind",
        "text_fi",
        "text_sv",
        "text_en",
        "options_text_fi",
        "options_text_sv",
        "options_text_en",
        "required",
        "min_choices",
        "max_choices",
        "scale_min",
        "scale_max",
    )

    def changed_fields(self) -> list[str]:
        stored = Question.objects.filter(pk=self.pk).values(*self.LOCKED_FIELDS).first()
        if stored is None:
            return list(self.LOCKED_FIELDS)
        return [
            name
            for name in self.LOCKED_FIELDS
            if (stored[name] or None) != (getattr(self, name) or None)
        ]

    @property
    def api_type(self) -> str:
        return "text" if self.kind in TEXT_KINDS else self.kind

    @property
    def asks(self) -> bool:
        return self.kind != QuestionKind.INFO


class Option(models.Model):
    """An option of a single-choice, multiple-choice or ranking question."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("option"), max_length=300)

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ("sort_order", "id")

    def __str__(self) -> str:
        return self.text


class AccessCode(models.Model):
    """A single-use access code, printed for a school class or youth council; only its keyed
    hash is stored, so the codes are shown once, when they are created."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="access_codes")
    code_hash = models.CharField(_("code hash"), max_length=64)
    group = models.CharField(_("group"), max_length=100, blank=True)
    # No time of use: it would tie the code to the response submitted at the same moment.
    used = models.BooleanField(_("used"), default=False)

    class Meta:
        verbose_name = _("access code")
        verbose_name_plural = _("access codes")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "code_hash"], name="participation_access_code_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.group or '-'} ({'used' if self.used else 'unused'})"


class RespondentToken(models.Model):
    """That a respondent has answered a survey: a keyed hash of (survey, account / code /
    browser), nothing else. The unique constraint is what allows one answer per respondent."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("respondent token")
        verbose_name_plural = _("respondent tokens")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "digest"], name="participation_one_response_per_respondent"
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}: {self.digest[:8]}…"


class Response(models.Model):
    """One respondent's answers to a survey, without anything that identifies the respondent."""

    # Random, so that the order of responses cannot be matched with anything else.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    # The day only: a finer time would tie the response to logs and to other tables.
    submitted_on = models.DateField(_("submitted on"))
    age_band = models.CharField(_("age band"), max_length=16, blank=True)
    area = models.CharField(_("area"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        indexes = [models.Index(fields=["survey", "submitted_on"], name="participation_resp_idx")]

    def __str__(self) -> str:
        return f"{self.survey_id} / {self.submitted_on}"


class Answer(models.Model):
    """An answer to one question: a chosen option (one row per option), a scale value, a rank
    (option and value), or a free text that is published only once a moderator approves it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    # PROTECT: a question with answers cannot disappear from under its results.
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    option = models.ForeignKey(
        Option, null=True, blank=True, on_delete=models.PROTECT, related_name="answers"
    )
    value = models.SmallIntegerField(_("value"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True)
    # Given by the moderator who approves the text, so that the published quote carries its
    # `lang`; never taken from the respondent's session, which could tell who answered.
    language = models.CharField(
        _("language of the text"),
        max_length=8,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("A published answer is marked as written in this language."),
    )
    moderation = models.CharField(
        _("moderation"),
        max_length=16,
        choices=ModerationStatus.choices,
        default=ModerationStatus.PENDING,
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [
            models.Index(fields=["question", "option"], name="participation_answer_opt_idx"),
            models.Index(fields=["question", "moderation"], name="participation_answer_mod_idx"),
        ]

    def __str__(self) -> str:
        return self.text[:80] if self.text else str(self.value or self.option_id)


# --- Result counters --------------------------------------------------------------------------
#
# The results read these, never the responses: the services add to them in the same transaction
# as each response (participation.tallies), so they are exact, and reading them costs the same
# for five responses as for a million. Their primary keys are random like the responses', so
# that the order in which the counters first appeared tells nothing of the first answers.


class RespondentTally(models.Model):
    """Responses to a survey per age band ("" for those who did not say, or were not asked)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The unique key starts with the survey: it is the index the results read by.
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+", db_index=False)
    age_band = models.CharField(max_length=16, blank=True)
    n = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "age_band"], name="participation_respondent_tally_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey_id} {self.age_band or '-'}: {self.n}"


class QuestionTally(models.Model):
    """Responses that answered a question."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The unique key starts with the survey: it is the index the results read by.
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+", db_index=False)
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    n = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "question"], name="participation_question_tally_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.n}"


class OptionTally(models.Model):
    """Choices of an option: `rank` 0 for single and multiple choice, the place given to the
    option for ranking."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The unique key starts with the survey: it is the index the results read by.
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+", db_index=False)
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField(default=0)
    n = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "question", "option", "rank"],
                name="participation_option_tally_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.option_id}/{self.rank}: {self.n}"


class ScaleTally(models.Model):
    """Answers of a scale question with a value."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The unique key starts with the survey: it is the index the results read by.
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+", db_index=False)
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    value = models.SmallIntegerField()
    n = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "question", "value"], name="participation_scale_tally_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question_id}={self.value}: {self.n}"
