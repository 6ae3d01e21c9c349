"""Count the result counters of the surveys answered before the counters existed."""

from django.db import migrations
from django.db.models import Count


def fill(apps, schema_editor):
    Survey = apps.get_model("participation", "Survey")
    Response = apps.get_model("participation", "Response")
    Answer = apps.get_model("participation", "Answer")
    RespondentTally = apps.get_model("participation", "RespondentTally")
    QuestionTally = apps.get_model("participation", "QuestionTally")
    OptionTally = apps.get_model("participation", "OptionTally")
    ScaleTally = apps.get_model("participation", "ScaleTally")
    for survey_id in Survey.objects.values_list("id", flat=True).order_by("id").iterator():
        for model in (RespondentTally, QuestionTally, OptionTally, ScaleTally):
            model.objects.filter(survey_id=survey_id).delete()
        RespondentTally.objects.bulk_create(
            RespondentTally(survey_id=survey_id, age_band=age_band, n=n)
            for age_band, n in Response.objects.filter(survey_id=survey_id)
            .values_list("age_band")
            .annotate(n=Count("id"))
            .order_by()
        )
        answers = Answer.objects.filter(question__survey_id=survey_id)
        QuestionTally.objects.bulk_create(
            QuestionTally(survey_id=survey_id, question_id=question_id, n=n)
            for question_id, n in answers.values_list("question_id")
            .annotate(n=Count("response_id", distinct=True))
            .order_by()
        )
        options, scale = [], []
        for question_id, option_id, value, n in (
            answers.exclude(option_id=None, value=None)
            .values_list("question_id", "option_id", "value")
            .annotate(n=Count("id"))
            .order_by()
        ):
            if option_id is not None:
                # A ranking's place; 0 for single and multiple choice.
                options.append(
                    OptionTally(
                        survey_id=survey_id,
                        question_id=question_id,
                        option_id=option_id,
                        rank=value or 0,
                        n=n,
                    )
                )
            else:
                scale.append(
                    ScaleTally(survey_id=survey_id, question_id=question_id, value=value, n=n)
                )
        OptionTally.objects.bulk_create(options, batch_size=500)
        ScaleTally.objects.bulk_create(scale, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0005_add_result_tallies"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
