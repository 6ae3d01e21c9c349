# Joins two migrations that were written in parallel: search words and translated officials.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0004_add_search_words"),
        ("decisions", "0004_translate_preparer_presenter_reason"),
    ]

    operations = []
