"""Create single-use access codes for a survey and print them, one per line."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from participation.models import Survey
from participation.services import access_codes_create


class Command(BaseCommand):
    help = (
        "Create COUNT single-use access codes for the survey and print one code per line. "
        "Only keyed hashes are stored: the codes cannot be shown again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--survey", type=int, required=True, help="id of the survey")
        parser.add_argument("--count", type=int, required=True, help="number of codes")
        parser.add_argument("--group", default="", help="group the codes are for, e.g. a class")

    def handle(self, *args, survey, count, group, **options):
        try:
            target = Survey.objects.get(pk=survey)
        except Survey.DoesNotExist:
            raise CommandError(f"No survey with id {survey}.") from None
        try:
            codes = access_codes_create(survey=target, count=count, group=group)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        for code in codes:
            self.stdout.write(code)
