"""Bodies, their members, meetings, agenda items and officeholder decisions.

Publishing rules live in decisions/policies.py; every write goes through decisions/services.py.
"""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.fields import RichTextField

from portal.storage import PrivateStorage, private_storage_in

# Rich-text features officials may use in decision texts; anything else is stripped on save.
RICH_TEXT_FEATURES = ["bold", "italic", "h3", "h4", "ol", "ul", "link"]


class BodyKind(models.TextChoices):
    COUNCIL = "council", _("Council")
    EXECUTIVE_BOARD = "executive_board", _("Executive board")
    COMMITTEE = "committee", _("Committee")
    YOUTH_COUNCIL = "youth_council", _("Youth council")
    OFFICEHOLDER = "officeholder", _("Officeholder")


def slug_is(value: str) -> Q:
    """Bodies that have `value` as their slug in any language."""
    return Q(slug=value) | Q(slug_sv=value) | Q(slug_en=value)


class Body(models.Model):
    """A body (toimielin / organ) that decides: council, board, committee or officeholder."""

    kind = models.CharField(_("kind"), max_length=32, choices=BodyKind.choices)
    # The Finnish address is also the body's identifier in filters, subscriptions and the API;
    # the Swedish and English addresses fall back to it.
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("Short name used in Finnish addresses, for example “kunnanhallitus”."),
    )
    slug_sv = models.SlugField(
        _("slug in Swedish"),
        max_length=100,
        unique=True,
        null=True,
        blank=True,
        help_text=_(
            "Short name used in Swedish addresses, for example “kommunstyrelsen”. "
            "If empty, the Finnish one is used."
        ),
    )
    slug_en = models.SlugField(
        _("slug in English"),
        max_length=100,
        unique=True,
        null=True,
        blank=True,
        help_text=_(
            "Short name used in English addresses, for example “executive-board”. "
            "If empty, the Finnish one is used."
        ),
    )
    # Translated per language by modeltranslation (decisions/translation.py).
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive bodies are hidden from residents and from the open data API."),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("sort order"), default=0, help_text=_("Bodies with a smaller number are listed first.")
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ("sort_order", "slug")
        # Harvesters page through bodies by (modified, id).
        indexes = [models.Index(fields=["modified", "id"], name="decisions_body_sync_idx")]

    def __str__(self) -> str:
        return self.name or self.slug

    def slug_for(self, language: str | None) -> str:
        """The body's slug in the addresses of `language`."""
        code = (language or "fi")[:2]
        return {"sv": self.slug_sv, "en": self.slug_en}.get(code) or self.slug

    def clean(self) -> None:
        super().clean()
        # Addresses find a body by any of its slugs, so no slug may be another body's.
        self.slug_sv = self.slug_sv or None
        self.slug_en = self.slug_en or None
        errors = {}
        for name in ("slug", "slug_sv", "slug_en"):
            value = getattr(self, name)
            if value and Body.objects.filter(slug_is(value)).exclude(pk=self.pk).exists():
                errors[name] = _("Another body already uses this address.")
        if errors:
            raise ValidationError(errors)


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("chair")
    VICE_CHAIR = "vice_chair", _("vice chair")
    MEMBER = "member", _("member")
    DEPUTY = "deputy", _("deputy member")
    SECRETARY = "secretary", _("secretary")
    OFFICEHOLDER = "officeholder", _("officeholder")


class Membership(models.Model):
    """A person's role in a body for a period: chair, member, deputy or secretary."""

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="memberships"
    )
    person_name = models.CharField(_("name of the person"), max_length=200)
    # Translated: titles such as "sivistysjohtaja" / "bildningsdirektör".
    title = models.CharField(_("title"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=MemberRole.choices)
    group = models.CharField(_("political group"), max_length=100, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ("body", "role", "person_name")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="decisions_membership_period",
                violation_error_message=_("A membership cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_name} ({self.get_role_display()})"


class AppealKind(models.TextChoices):
    NONE = "none", _("no appeal")
    RECTIFICATION = "rectification", _("request for rectification")
    MUNICIPAL_APPEAL = "municipal_appeal", _("municipal appeal")
    ADMINISTRATIVE_APPEAL = "administrative_appeal", _("administrative appeal")


# Days to appeal by kind (Local Government Act 134–135 §, Administrative Judicial Procedure Act).
APPEAL_DAYS = {
    AppealKind.NONE: 0,
    AppealKind.RECTIFICATION: 14,
    AppealKind.MUNICIPAL_APPEAL: 30,
    AppealKind.ADMINISTRATIVE_APPEAL: 30,
}


class AppealInstructionTemplate(models.Model):
    """Appeal instructions (muutoksenhakuohje) that the secretary applies to ranges of §."""

    kind = models.CharField(_("kind"), max_length=32, choices=AppealKind.choices)
    name = models.CharField(_("name"), max_length=200)
    text = RichTextField(_("text"), features=RICH_TEXT_FEATURES, blank=True)
    appeal_days = models.PositiveSmallIntegerField(
        _("days to appeal"), help_text=_("The appeal period in days after notification.")
    )
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        verbose_name = _("appeal instructions")
        verbose_name_plural = _("appeal instructions")
        ordering = ("kind", "id")

    def __str__(self) -> str:
        return self.name or self.get_kind_display()


class MeetingState(models.TextChoices):
    SCHEDULED = "scheduled", _("scheduled")
    AGENDA_PUBLISHED = "agenda_published", _("agenda published")
    HELD = "held", _("held")
    MINUTES_PUBLISHED = "minutes_published", _("minutes published")
    CANCELLED = "cancelled", _("cancelled")


class Meeting(models.Model):
    """A meeting (kokous / sammanträde) of a body, with its agenda and minutes."""

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="meetings"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    year = models.PositiveSmallIntegerField(_("year"))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    # Translated: "Kunnantalo, valtuustosali" / "Kommungården, fullmäktigesalen".
    place = models.CharField(_("place"), max_length=200, blank=True)
    state = models.CharField(
        _("state"), max_length=32, choices=MeetingState.choices, default=MeetingState.SCHEDULED
    )
    agenda_publish_at = models.DateTimeField(
        _("agenda published at"),
        null=True,
        blank=True,
        help_text=_(
            "The agenda and the meeting's page are shown from this time; the date, place and "
            "body are announced as soon as the meeting is saved."
        ),
    )
    minutes_publish_at = models.DateTimeField(_("minutes published at"), null=True, blank=True)
    display_starts_on = models.DateField(_("public display starts on"), null=True, blank=True)
    display_ends_on = models.DateField(_("public display ends on"), null=True, blank=True)
    recording_url = models.URLField(_("recording link"), blank=True)
    # When subscribers were told of the published agenda and minutes (once each).
    agenda_announced_at = models.DateTimeField(null=True, blank=True, editable=False)
    minutes_announced_at = models.DateTimeField(null=True, blank=True, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ("-starts_at", "id")
        constraints = [
            models.UniqueConstraint(
                fields=["body", "year", "number"],
                name="decisions_meeting_number_unique",
                violation_error_message=_("The body already has a meeting with this number."),
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=F("starts_at")),
                name="decisions_meeting_times",
                violation_error_message=_("A meeting cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(display_ends_on__isnull=True)
                | Q(display_starts_on__isnull=False, display_ends_on__gte=F("display_starts_on")),
                name="decisions_meeting_display_period",
                violation_error_message=_("The public display cannot end before it starts."),
            ),
        ]
        indexes = [
            models.Index(fields=["modified", "id"], name="decisions_meeting_sync_idx"),
            models.Index(fields=["body", "starts_at"], name="decisions_meeting_body_idx"),
            models.Index(fields=["agenda_publish_at"], name="decisions_meeting_publish_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.body} {self.number}/{self.year}"

    @property
    def code(self) -> str:
        return f"{self.number}/{self.year}"


class Resolution(models.TextChoices):
    AS_PROPOSED = "as_proposed", _("decided as proposed")
    AMENDED = "amended", _("decided as amended")
    VOTED = "voted", _("decided after a vote")
    # Worded like the other resolutions ("hylättiin" / "avslogs"), not as a case's outcome.
    REJECTED = "rejected", pgettext_lazy("resolution", "rejected")
    TABLED = "tabled", _("tabled")
    RETURNED = "returned", _("returned for preparation")
    REMOVED = "removed", _("removed from the agenda")
    NOTED = "noted", _("noted")


# The search columns: lists and detail pages never need them.
SEARCH_FIELDS = (
    "search_text_fi",
    "search_text_sv",
    "search_words_fi",
    "search_words_sv",
    "search_fi",
    "search_sv",
)


class DecisionFields(models.Model):
    """What agenda items and officeholder decisions share: texts, appeal and search."""

    title = models.CharField(_("title"), max_length=500)
    case_reference = models.CharField(
        _("case reference"), max_length=100, blank=True, db_index=True
    )
    is_confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("Only the title is published; give a descriptive title without secrets."),
    )
    secrecy_ground = models.CharField(_("ground for secrecy"), max_length=300, blank=True)
    background = RichTextField(_("background"), features=RICH_TEXT_FEATURES, blank=True)
    decision = RichTextField(_("decision"), features=RICH_TEXT_FEATURES, blank=True)
    resolution = models.CharField(
        _("resolution"), max_length=32, choices=Resolution.choices, blank=True
    )
    appeal_instructions = models.ForeignKey(
        AppealInstructionTemplate,
        verbose_name=_("appeal instructions"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The searchable text in Finnish and in Swedish (titles, sections that are public, the text
    # of public attachments), rebuilt by the services; its lexemes (base forms and compound
    # parts, portal.textsearch) as text for substring matching, and on PostgreSQL as indexed
    # vectors with the words' positions.
    search_text_fi = models.TextField(editable=False, blank=True, default="")
    search_text_sv = models.TextField(editable=False, blank=True, default="")
    search_words_fi = models.TextField(editable=False, blank=True, default="")
    search_words_sv = models.TextField(editable=False, blank=True, default="")
    search_fi = SearchVectorField(null=True, editable=False)
    search_sv = SearchVectorField(null=True, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        abstract = True


class AgendaItem(DecisionFields):
    """An agenda item (asia / ärende) of a meeting, with its § and, after the meeting, decision."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="items"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    section = models.PositiveSmallIntegerField(_("§"), null=True, blank=True)
    preparer = models.CharField(_("preparer"), max_length=300, blank=True)
    presenter = models.CharField(_("presenter"), max_length=300, blank=True)
    proposal = RichTextField(_("proposal"), features=RICH_TEXT_FEATURES, blank=True)
    discussion = RichTextField(_("discussion"), features=RICH_TEXT_FEATURES, blank=True)
    # The meeting's body and local date, copied here by the services (agenda_item_save,
    # meeting_save) so that search's indexes can hold them: the body only in the GIN indexes
    # with the words, so that a word search by body has no B-tree to read all its items from.
    search_body = models.ForeignKey(
        Body, on_delete=models.PROTECT, null=True, editable=False, related_name="+", db_index=False
    )
    search_date = models.DateField(null=True, editable=False)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ("meeting", "order")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "order"],
                name="decisions_item_order_unique",
                violation_error_message=_("The meeting already has an item in this position."),
            ),
            models.UniqueConstraint(
                fields=["meeting", "section"],
                name="decisions_item_section_unique",
                violation_error_message=_("The meeting already has an item with this §."),
            ),
        ]
        indexes = [
            models.Index(fields=["modified", "id"], name="decisions_item_sync_idx"),
            # With the filters' columns (btree_gin), so that a search's words, body and
            # resolution are all conditions of one index scan (decisions.selectors); dates are
            # ranges, which a GIN index reads whole, so they have a B-tree of their own.
            GinIndex(
                fields=["search_fi", "search_body", "resolution"], name="decisions_item_search_fi"
            ),
            GinIndex(
                fields=["search_sv", "search_body", "resolution"], name="decisions_item_search_sv"
            ),
            models.Index(fields=["search_date", "id"], name="decisions_item_date_idx"),
        ]

    def __str__(self) -> str:
        section = f"{self.section} § " if self.section else ""
        return f"{section}{self.title}"


class Publicity(models.TextChoices):
    PUBLIC = "public", _("public")
    NON_PUBLIC = "non_public", _("not public")


# Files of non-public attachments must never be reachable by a URL: they live outside MEDIA_ROOT
# and every attachment is served by a view that asks the policy.
# A callable, so that the migrations do not record this machine's path.
def attachment_storage() -> PrivateStorage:
    return private_storage_in("decisions")


class Attachment(models.Model):
    """A file attached to an agenda item; a non-public one shows only its title and ground."""

    item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(
        _("file"), storage=attachment_storage, upload_to="attachments/%Y/", blank=True
    )
    publicity = models.CharField(
        _("publicity"), max_length=20, choices=Publicity.choices, default=Publicity.PUBLIC
    )
    secrecy_ground = models.CharField(_("ground for secrecy"), max_length=300, blank=True)
    # The text of a public PDF, extracted when it is saved, for search.
    text = models.TextField(editable=False, blank=True, default="")
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ("item", "order", "id")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if self.publicity != Publicity.PUBLIC and not (self.secrecy_ground_fi or "").strip():
            raise ValidationError(
                {"secrecy_ground_fi": _("A non-public attachment needs a ground for secrecy.")}
            )

    @property
    def is_public(self) -> bool:
        return self.publicity == Publicity.PUBLIC


class VoteChoice(models.TextChoices):
    FIRST = "first", _("for the first proposal")
    SECOND = "second", _("for the second proposal")
    BLANK = "blank", _("blank")
    ABSENT = "absent", _("absent")


class Vote(models.Model):
    """A vote (äänestys / omröstning) between two competing proposals of an agenda item."""

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="votes"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    first_proposal = models.CharField(_("first proposal"), max_length=500)
    second_proposal = models.CharField(_("second proposal"), max_length=500)
    first_count = models.PositiveSmallIntegerField(_("votes for the first proposal"), default=0)
    second_count = models.PositiveSmallIntegerField(_("votes for the second proposal"), default=0)
    blank_count = models.PositiveSmallIntegerField(_("blank votes"), default=0)
    absent_count = models.PositiveSmallIntegerField(_("absent"), default=0)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ("item", "order", "id")

    def __str__(self) -> str:
        return self.subject or f"{self.first_proposal} / {self.second_proposal}"

    def winner(self) -> str | None:
        """The proposal that won (VoteChoice.FIRST or SECOND), or None if nobody can tell.

        In a tie the chair's vote decides (Local Government Act 410/2015, 104 §); the chair is
        found among the ballots, so prefetch them with their members.
        """
        if self.first_count != self.second_count:
            return VoteChoice.FIRST if self.first_count > self.second_count else VoteChoice.SECOND
        for ballot in self.ballots.all():
            if ballot.member.role == MemberRole.CHAIR and ballot.choice in (
                VoteChoice.FIRST,
                VoteChoice.SECOND,
            ):
                return ballot.choice
        return None


class MemberVote(models.Model):
    """How one member voted."""

    vote = models.ForeignKey(
        Vote, verbose_name=_("vote"), on_delete=models.CASCADE, related_name="ballots"
    )
    member = models.ForeignKey(
        Membership, verbose_name=_("member"), on_delete=models.PROTECT, related_name="+"
    )
    choice = models.CharField(_("vote"), max_length=10, choices=VoteChoice.choices)

    class Meta:
        verbose_name = _("member's vote")
        verbose_name_plural = _("members' votes")
        ordering = ("vote", "member__person_name")
        constraints = [
            models.UniqueConstraint(fields=["vote", "member"], name="decisions_ballot_unique")
        ]

    def __str__(self) -> str:
        return f"{self.member.person_name}: {self.get_choice_display()}"


class Disqualification(models.Model):
    """A member who was disqualified (esteellinen / jävig) from an item, and why."""

    item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.CASCADE,
        related_name="disqualifications",
    )
    member = models.ForeignKey(
        Membership, verbose_name=_("member"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300)

    class Meta:
        verbose_name = _("disqualification")
        verbose_name_plural = _("disqualifications")
        ordering = ("item", "id")
        constraints = [
            models.UniqueConstraint(
                fields=["item", "member"], name="decisions_disqualification_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member.person_name}: {self.reason}"


class OfficeholderDecision(DecisionFields):
    """A decision by an officeholder (viranhaltijapäätös / tjänsteinnehavarbeslut)."""

    decision_maker = models.ForeignKey(
        Body,
        verbose_name=_("decision maker"),
        on_delete=models.PROTECT,
        related_name="officeholder_decisions",
        limit_choices_to={"kind": BodyKind.OFFICEHOLDER},
    )
    decided_on = models.DateField(_("decided on"))
    year = models.PositiveSmallIntegerField(_("year"))
    section = models.PositiveIntegerField(_("§"))
    publish_at = models.DateTimeField(
        _("published at"),
        null=True,
        blank=True,
        help_text=_("Nothing of the decision is shown before this time."),
    )
    announced_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The decision maker again, for search's GIN indexes only (officeholder_decision_save): a
    # word search by decision maker then has no B-tree to read all the maker's decisions from.
    search_body = models.ForeignKey(
        Body, on_delete=models.PROTECT, null=True, editable=False, related_name="+", db_index=False
    )

    class Meta:
        verbose_name = _("officeholder decision")
        verbose_name_plural = _("officeholder decisions")
        ordering = ("-decided_on", "-section")
        constraints = [
            models.UniqueConstraint(
                fields=["decision_maker", "year", "section"],
                name="decisions_officeholder_section_unique",
                violation_error_message=_("The decision maker already has a decision with this §."),
            )
        ]
        indexes = [
            models.Index(fields=["modified", "id"], name="decisions_ohd_sync_idx"),
            models.Index(fields=["decision_maker", "decided_on"], name="decisions_ohd_maker_idx"),
            # The API's list of one decision maker's decisions, in its (modified, id) order.
            models.Index(
                fields=["decision_maker", "modified", "id"], name="decisions_ohd_maker_sync_idx"
            ),
            # With the filters' columns (btree_gin), as the agenda items' search indexes.
            GinIndex(
                fields=["search_fi", "search_body", "resolution"], name="decisions_ohd_search_fi"
            ),
            GinIndex(
                fields=["search_sv", "search_body", "resolution"], name="decisions_ohd_search_sv"
            ),
            models.Index(fields=["decided_on", "id"], name="decisions_ohd_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.section} § {self.title}"


class PersonalDataPassage(models.Model):
    """A passage of personal data in a published decision, removed when the appeal period ends.

    Local Government Act 140 §: personal data may stay on the web only until the appeal period
    of the decision has ended.
    """

    item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="personal_data",
    )
    officeholder_decision = models.ForeignKey(
        OfficeholderDecision,
        verbose_name=_("officeholder decision"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="personal_data",
    )
    text = models.CharField(
        _("passage"),
        max_length=500,
        help_text=_("The exact words to remove, as they appear in the texts."),
    )
    remove_on = models.DateField(
        _("remove on"),
        null=True,
        blank=True,
        help_text=_("Set when the decision is published: the day after its appeal period."),
    )
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("personal data passage")
        verbose_name_plural = _("personal data passages")
        ordering = ("id",)
        constraints = [
            models.CheckConstraint(
                condition=Q(item__isnull=False, officeholder_decision__isnull=True)
                | Q(item__isnull=True, officeholder_decision__isnull=False),
                name="decisions_passage_one_parent",
                violation_error_message=_("A passage belongs to one decision."),
            )
        ]
        indexes = [
            models.Index(
                fields=["remove_on"],
                condition=Q(removed_at__isnull=True),
                name="decisions_passage_due_idx",
            )
        ]

    def __str__(self) -> str:
        return self.text


class Subscription(models.Model):
    """A reader's wish to hear by e-mail when a body publishes or a word appears."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="decision_subscriptions",
    )
    body = models.ForeignKey(
        Body,
        verbose_name=_("body"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
    )
    word = models.CharField(_("search word"), max_length=100, blank=True)
    language = models.CharField(_("language"), max_length=5, default="fi")
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        ordering = ("id",)
        constraints = [
            models.CheckConstraint(
                condition=(Q(body__isnull=False) & Q(word=""))
                | (Q(body__isnull=True) & ~Q(word="")),
                name="decisions_subscription_body_or_word",
                violation_error_message=_("Follow either a body or a search word."),
            ),
            models.UniqueConstraint(
                fields=["user", "body", "word"], name="decisions_subscription_unique"
            ),
        ]

    def __str__(self) -> str:
        return str(self.body) if self.body_id else self.word
