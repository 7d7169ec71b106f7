"""Reporting periods moved to the periods app: the foreign key now names periods.ReportingPeriod."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0002_run_language"),
        ("periods", "0001_initial"),
    ]

    operations = [
        # State only: the column already refers to the same table (followup_reportingperiod).
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="documentrun",
                    name="period",
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", verbose_name="period", to="periods.reportingperiod"),
                ),
            ],
        ),
    ]
