# When each result was last opened, for the retention rule (webkit/retention.py). Results
# stored before this migration get the time it runs: when they were last opened is unknown, so
# each gets a whole retention period from the upgrade instead of being judged by its age.

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("quiz", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="quizsubmission",
            name="opened_at",
            field=models.DateTimeField(
                db_index=True,
                default=django.utils.timezone.now,
                help_text="Last opened: its page or its JSON.",
            ),
        ),
    ]
