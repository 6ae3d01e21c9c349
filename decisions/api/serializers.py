from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from decisions import policies
from decisions.models import (
    AgendaItem,
    AppealInstructionTemplate,
    Attachment,
    Body,
    Disqualification,
    Meeting,
    MemberVote,
    OfficeholderDecision,
    Resolution,
    Vote,
)
from portal.api.fields import TranslatedField


class BodySerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:body-detail")
    name = TranslatedField()
    description = TranslatedField()

    class Meta:
        model = Body
        fields = ("id", "url", "modified", "kind", "slug", "name", "description")
        read_only_fields = fields


class MeetingSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:meeting-detail")
    place = TranslatedField()
    agenda_published_at = serializers.DateTimeField(source="agenda_publish_at", read_only=True)
    minutes_published_at = serializers.SerializerMethodField()
    recording_url = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = (
            "id",
            "url",
            "modified",
            "body",
            "number",
            "year",
            "starts_at",
            "ends_at",
            "place",
            "state",
            "agenda_published_at",
            "minutes_published_at",
            "display_starts_on",
            "display_ends_on",
            "recording_url",
        )
        read_only_fields = fields

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_recording_url(self, meeting) -> str | None:
        # An empty link is no link: null, not an empty string that is no URI.
        return meeting.recording_url or None

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_minutes_published_at(self, meeting):
        if policies.minutes_published(meeting):
            return serializers.DateTimeField().to_representation(meeting.minutes_publish_at)
        return None


class AppealSerializer(serializers.ModelSerializer):
    name = TranslatedField()
    text = TranslatedField()

    class Meta:
        model = AppealInstructionTemplate
        fields = ("kind", "appeal_days", "name", "text")
        read_only_fields = fields


class BallotSerializer(serializers.ModelSerializer):
    member = serializers.CharField(source="member.person_name", read_only=True)

    class Meta:
        model = MemberVote
        fields = ("member", "choice")
        read_only_fields = fields


class VoteSummarySerializer(serializers.ModelSerializer):
    subject = TranslatedField()
    first_proposal = TranslatedField()
    second_proposal = TranslatedField()

    class Meta:
        model = Vote
        fields = (
            "subject",
            "first_proposal",
            "second_proposal",
            "first_count",
            "second_count",
            "blank_count",
            "absent_count",
        )
        read_only_fields = fields


class VoteSerializer(VoteSummarySerializer):
    """A vote with each member's vote (in the detail of an item)."""

    ballots = BallotSerializer(many=True, read_only=True)

    class Meta:
        model = Vote
        fields = (
            "subject",
            "first_proposal",
            "second_proposal",
            "first_count",
            "second_count",
            "blank_count",
            "absent_count",
            "ballots",
        )
        read_only_fields = fields


class DisqualificationSerializer(serializers.ModelSerializer):
    member = serializers.CharField(source="member.person_name", read_only=True)
    reason = TranslatedField()

    class Meta:
        model = Disqualification
        fields = ("member", "reason")
        read_only_fields = fields


class AttachmentSerializer(serializers.ModelSerializer):
    title = TranslatedField()
    secrecy_ground = TranslatedField()
    file_url = serializers.SerializerMethodField(
        help_text="The file of a public attachment; null for a non-public one."
    )

    class Meta:
        model = Attachment
        fields = ("id", "title", "publicity", "secrecy_ground", "file_url")
        read_only_fields = fields

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_file_url(self, attachment):
        from django.urls import reverse

        if not (attachment.is_public and attachment.file):
            return None
        path = reverse("decisions:attachment", args=[attachment.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class AgendaItemSerializer(serializers.ModelSerializer):
    """An agenda item: a confidential one has only its title; the decision comes with the
    minutes."""

    # Empty while the decision is not public (or when nothing was resolved): "" is in the enum.
    resolution = serializers.ChoiceField(
        choices=Resolution.choices, allow_blank=True, read_only=True
    )

    url = serializers.HyperlinkedIdentityField(view_name="api:agendaitem-detail")
    body = serializers.IntegerField(source="meeting.body_id", read_only=True)
    title = TranslatedField()
    secrecy_ground = TranslatedField()
    preparer = TranslatedField()
    presenter = TranslatedField()
    background = TranslatedField()
    proposal = TranslatedField()
    decision = TranslatedField()
    discussion = TranslatedField()
    appeal_instructions = AppealSerializer(read_only=True, allow_null=True)
    votes = VoteSummarySerializer(many=True, read_only=True)
    disqualifications = DisqualificationSerializer(many=True, read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)

    # Shown only when the item is not confidential / when the minutes are published; otherwise
    # empty ("" or []) so that the shape stays the same.
    PUBLIC = ("case_reference", "preparer", "presenter", "background", "proposal", "attachments")
    DECISION = (
        "decision",
        "discussion",
        "resolution",
        "votes",
        "disqualifications",
        "appeal_instructions",
    )

    class Meta:
        model = AgendaItem
        fields = (
            "id",
            "url",
            "modified",
            "meeting",
            "body",
            "order",
            "section",
            "title",
            "case_reference",
            "is_confidential",
            "secrecy_ground",
            "preparer",
            "presenter",
            "background",
            "proposal",
            "decision",
            "discussion",
            "resolution",
            "appeal_instructions",
            "votes",
            "disqualifications",
            "attachments",
        )
        read_only_fields = fields

    def to_representation(self, item):
        data = super().to_representation(item)
        disclosure = policies.item_disclosure(item, self.context.get("now") or timezone.now())
        hidden = set()
        if disclosure.title_only:
            hidden |= set(self.PUBLIC)
        if not disclosure.decision:
            hidden |= set(self.DECISION)
        for name in hidden:
            value = data.get(name)
            if isinstance(value, list):
                data[name] = []
            else:
                data[name] = None if name == "appeal_instructions" else ""
        return data


class AgendaItemDetailSerializer(AgendaItemSerializer):
    """An agenda item with each member's vote."""

    votes = VoteSerializer(many=True, read_only=True)

    class Meta(AgendaItemSerializer.Meta):
        pass


class OfficeholderDecisionSerializer(serializers.ModelSerializer):
    # Empty while the decision is not public (or when nothing was resolved): "" is in the enum.
    resolution = serializers.ChoiceField(
        choices=Resolution.choices, allow_blank=True, read_only=True
    )
    url = serializers.HyperlinkedIdentityField(view_name="api:officeholderdecision-detail")
    title = TranslatedField()
    secrecy_ground = TranslatedField()
    background = TranslatedField()
    decision = TranslatedField()
    appeal_instructions = AppealSerializer(read_only=True, allow_null=True)
    published_at = serializers.DateTimeField(source="publish_at", read_only=True)

    class Meta:
        model = OfficeholderDecision
        fields = (
            "id",
            "url",
            "modified",
            "decision_maker",
            "decided_on",
            "year",
            "section",
            "title",
            "case_reference",
            "is_confidential",
            "secrecy_ground",
            "background",
            "decision",
            "resolution",
            "appeal_instructions",
            "published_at",
        )
        read_only_fields = fields

    def to_representation(self, decision):
        data = super().to_representation(decision)
        if decision.is_confidential:
            for name in ("case_reference", "background", "decision", "resolution"):
                data[name] = ""
        return data
