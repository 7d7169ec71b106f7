import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("selfassessment", "0003_alter_round_period"),
        ("surveys", "0006_self_assessment_kind"),
    ]

    operations = [
        migrations.AddField(
            model_name="round",
            name="survey_round",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="self_assessment",
                to="surveys.surveyround",
                verbose_name="survey round",
                help_text="Where the answers are: its invitations and responses.",
            ),
        ),
    ]
