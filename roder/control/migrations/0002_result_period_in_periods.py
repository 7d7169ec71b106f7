"""Reporting periods moved to the periods app: the foreign key now names periods.ReportingPeriod."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("control", "0001_initial"),
        ("periods", "0001_initial"),
    ]

    operations = [
        # State only: the column already refers to the same table (followup_reportingperiod).
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="controlresult",
                    name="period",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="control_results", to="periods.reportingperiod"),
                ),
            ],
        ),
    ]
