from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from participation.models import AGE_BANDS, QuestionKind, Survey
from participation.respondents import CODE_INPUT_MAX
from portal.api.fields import TranslatedField
from portal.api.language import ALL, request_api_language
from portal.translation import LANGUAGE_ORDER, translated, translation_values

MAX_ID = 2**53
MAX_ANSWERS = 200
MAX_LIST = 100


class OptionSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    text = TranslatedField()


class QuestionSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    type = serializers.CharField(
        source="api_type",
        read_only=True,
        help_text="single, multiple, scale, ranking, text or info.",
    )
    text = TranslatedField()
    help_text = TranslatedField()
    long = serializers.SerializerMethodField(help_text="A text question with a long answer.")
    required = serializers.BooleanField(read_only=True)
    options = OptionSerializer(many=True, read_only=True)
    min = serializers.SerializerMethodField(
        help_text="Multiple choice: fewest choices; scale: its lowest value."
    )
    max = serializers.SerializerMethodField(
        help_text="Multiple choice: most choices; scale: its highest value."
    )
    min_label = TranslatedField(source="scale_min_label")
    max_label = TranslatedField(source="scale_max_label")

    def get_long(self, question) -> bool:
        return question.kind == QuestionKind.LONG_TEXT

    def get_min(self, question) -> int | None:
        if question.kind == QuestionKind.SCALE:
            return question.scale_min
        return question.min_choices if question.kind == QuestionKind.MULTIPLE else None

    def get_max(self, question) -> int | None:
        if question.kind == QuestionKind.SCALE:
            return question.scale_max
        return question.max_choices if question.kind == QuestionKind.MULTIPLE else None


class SurveySerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:survey-detail")
    title = TranslatedField()
    intro = TranslatedField()
    state = serializers.SerializerMethodField(help_text="upcoming, open or closed.")
    results_url = serializers.SerializerMethodField(
        help_text="Where the results are, once the survey's result policy has published them."
    )

    class Meta:
        model = Survey
        fields = (
            "id",
            "url",
            "modified",
            "title",
            "intro",
            "opens_at",
            "closes_at",
            "state",
            "identification",
            "result_policy",
            "min_group_size",
            "results_url",
        )
        read_only_fields = fields

    def get_state(self, survey) -> str:
        return survey.state()

    def get_results_url(self, survey) -> str | None:
        public = self.context.get("results_public", {})
        if not public.get(survey.pk):
            return None
        request = self.context.get("request")
        path = f"/api/v1/surveys/{survey.pk}/results/"
        return request.build_absolute_uri(path) if request else path


class SurveyDetailSerializer(SurveySerializer):
    questions = serializers.SerializerMethodField()

    class Meta(SurveySerializer.Meta):
        fields = (*SurveySerializer.Meta.fields, "questions")
        read_only_fields = fields

    @extend_schema_field(QuestionSerializer(many=True))
    def get_questions(self, survey):
        return QuestionSerializer(self.context["questions"], many=True, context=self.context).data


class AnswerInputSerializer(serializers.Serializer):
    question = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    choice = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text="Single choice: an option id."
    )
    choices = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        required=False,
        max_length=MAX_LIST,
        help_text="Multiple choice: option ids.",
    )
    value = serializers.IntegerField(
        required=False, min_value=-100, max_value=100, help_text="Scale: the value."
    )
    ranking = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        required=False,
        max_length=MAX_LIST,
        help_text="Ranking: every option id, the first one first.",
    )
    text = serializers.CharField(
        required=False, allow_blank=True, max_length=4000, trim_whitespace=False
    )


def answer_value(data: dict) -> object:
    """The answer's value, whichever key carries it."""
    for key in ("choice", "choices", "value", "ranking", "text"):
        if key in data:
            return data[key]
    return None


class ResponseInputSerializer(serializers.Serializer):
    access_code = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=CODE_INPUT_MAX,
        help_text="The access code, for surveys answered with single-use codes.",
    )
    answers = AnswerInputSerializer(many=True, max_length=MAX_ANSWERS, allow_empty=True)
    age_band = serializers.ChoiceField(
        choices=AGE_BANDS,
        required=False,
        allow_blank=True,
        help_text="The respondent's age band, for surveys that ask it; stored only then.",
    )


class ResponseCreatedSerializer(serializers.Serializer):
    survey = serializers.IntegerField()
    received = serializers.BooleanField()


class OptionResultSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The option id; for a scale, the value.")
    text = serializers.SerializerMethodField()
    count = serializers.IntegerField()
    percent = serializers.FloatField()
    mean_rank = serializers.FloatField(allow_null=True, help_text="Ranking: the average place.")

    @extend_schema_field(TranslatedField)
    def get_text(self, option):
        language = request_api_language(self.context.get("request"))
        if language == ALL:
            if option.source is not None:
                return translation_values(option.source, "text")
            return dict.fromkeys(LANGUAGE_ORDER, option.text.text)
        return option.text.text


class QuestionResultSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="question.pk")
    type = serializers.CharField(source="question.api_type")
    text = serializers.SerializerMethodField()
    answered = serializers.IntegerField(allow_null=True)
    hidden = serializers.BooleanField(
        help_text="True when fewer respondents than the minimum group size answered."
    )
    options = OptionResultSerializer(many=True, allow_null=True)
    mean = serializers.FloatField(allow_null=True)
    texts = serializers.ListField(
        child=serializers.CharField(),
        allow_null=True,
        help_text="Free-text answers that a moderator approved.",
    )
    summary = serializers.CharField()

    @extend_schema_field(TranslatedField)
    def get_text(self, result):
        language = request_api_language(self.context.get("request"))
        if language == ALL:
            return translation_values(result.question, "text")
        return translated(result.question, "text", language).text

    def to_representation(self, result):
        data = super().to_representation(result)
        if result.hidden:
            # Nothing of a small group: not even how many answered.
            data.update(answered=None, options=None, mean=None, texts=None, summary="")
        elif result.is_text:
            data["options"] = None
        return data


class AgeBandResultSerializer(serializers.Serializer):
    band = serializers.CharField(help_text="An age band such as 13-15, or empty: did not say.")
    count = serializers.IntegerField(allow_null=True)
    hidden = serializers.BooleanField(
        help_text=(
            "True when the band is hidden: it is below the minimum group size, or its count "
            "would let such a band be worked out from the respondents and the other bands."
        )
    )


class SurveyResultsSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="survey.pk")
    respondents = serializers.IntegerField(allow_null=True)
    hidden = serializers.BooleanField()
    min_group_size = serializers.IntegerField(source="survey.min_group_size")
    questions = QuestionResultSerializer(many=True)
    age_bands = AgeBandResultSerializer(
        many=True, help_text="Respondents by age band, for surveys that ask it."
    )

    def to_representation(self, results):
        data = super().to_representation(results)
        if results.hidden:
            data["respondents"] = None
        return data
