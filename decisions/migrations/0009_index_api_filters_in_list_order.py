# The API lists one decision maker's decisions in its (modified, id) order.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('decisions', '0008_search_indexes_with_filters'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='officeholderdecision',
            index=models.Index(fields=['decision_maker', 'modified', 'id'], name='decisions_ohd_maker_sync_idx'),
        ),
    ]
