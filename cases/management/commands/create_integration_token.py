"""Create an integration client for a unit and print its token once."""

from django.core.management.base import BaseCommand, CommandError

from cases.models import Unit
from cases.services import integration_client_create


class Command(BaseCommand):
    help = "Create a client of the integration API for a unit and print its token (shown once)."

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="the unit's code")
        parser.add_argument("--name", default="", help="a name for the back-office system")

    def handle(self, *args, unit, name, **options):
        found = Unit.objects.filter(code=unit).first()
        if found is None:
            raise CommandError(f"No unit with the code {unit!r}.")
        client, token = integration_client_create(
            name=name or f"{found.code} integration", unit=found
        )
        self.stderr.write(f"Created integration client {client.pk} ({client.name}) for {found}.")
        self.stdout.write(token)
