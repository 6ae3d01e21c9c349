"""`manage.py purge_page_cache`: serve no anonymous page from what the page cache holds now."""

from django.core.management.base import BaseCommand

from portal import pagecache


class Command(BaseCommand):
    help = "Make every web process render anonymous visitors' pages anew (a new cache generation)."

    def handle(self, *args, **options):
        pagecache.invalidate()
        self.stdout.write("The page cache's generation is new: every cached page is stale.")
