"""The self-assessment's own answer storage goes: its answers are a survey round's (0005), and
its status is the survey round's."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("selfassessment", "0005_answers_to_surveys")]

    operations = [
        migrations.DeleteModel(name="Answer"),
        migrations.DeleteModel(name="Participant"),
        migrations.RemoveField(model_name="round", name="status"),
        migrations.AlterField(
            model_name="round",
            name="survey_round",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="self_assessment",
                to="surveys.surveyround",
                verbose_name="survey round",
                help_text="Where the answers are: its invitations and responses.",
            ),
        ),
    ]
