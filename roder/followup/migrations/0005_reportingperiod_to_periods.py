"""ReportingPeriod moved to the periods app (periods 0001 took over its table and rows): follow-up's
foreign keys name periods.ReportingPeriod, and follow-up's state forgets the model. Nothing changes
in the database; the other apps' foreign keys were moved first (the dependencies)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("followup", "0004_outcome_provenance_revisions"),
        ("periods", "0001_initial"),
        ("indicators", "0004_target_period_in_periods"),
        ("control", "0002_result_period_in_periods"),
        ("documents", "0003_run_period_in_periods"),
        ("economy", "0003_period_in_periods"),
        ("selfassessment", "0002_round_period_in_periods"),
    ]

    operations = [
        # State only: the columns already refer to the same table (followup_reportingperiod),
        # which stays, now periods'.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="outcome",
                    name="period",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="outcomes", to="periods.reportingperiod"),
                ),
                migrations.AlterField(
                    model_name="assessment",
                    name="period",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="assessments", to="periods.reportingperiod"),
                ),
                migrations.AlterField(
                    model_name="unitreport",
                    name="period",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="reports", to="periods.reportingperiod"),
                ),
                migrations.AlterField(
                    model_name="outcomeimport",
                    name="period",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="periods.reportingperiod"),
                ),
                migrations.AlterField(
                    model_name="outcomerevision",
                    name="period",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="outcome_revisions", to="periods.reportingperiod"),
                ),
                migrations.DeleteModel(name="ReportingPeriod"),
            ],
        ),
    ]
