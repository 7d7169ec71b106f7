"""Reporting periods moved to the periods app: the foreign key now names periods.ReportingPeriod."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0003_source_choices_from_registry"),
        ("periods", "0001_initial"),
    ]

    operations = [
        # State only: the column already refers to the same table (followup_reportingperiod).
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="target",
                    name="period",
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="targets", verbose_name="period", to="periods.reportingperiod"),
                ),
            ],
        ),
    ]
