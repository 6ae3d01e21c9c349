"""Analyse the search texts of every agenda item and officeholder decision again.

Run after installing or upgrading Voikko or the Swedish dictionary, so that stored lexemes
match what queries are analysed into:
    python manage.py search_reindex
"""

from django.core.management.base import BaseCommand

from decisions.models import AgendaItem, OfficeholderDecision
from decisions.services import search_vectors_refresh


class Command(BaseCommand):
    help = "Rebuild the lexemes and search vectors of agenda items and officeholder decisions."

    def handle(self, *args, **options):
        for model in (AgendaItem, OfficeholderDecision):
            done = search_vectors_refresh(model=model)
            self.stdout.write(f"{model.__name__}: {done}")
