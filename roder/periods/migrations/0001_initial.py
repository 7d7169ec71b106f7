"""ReportingPeriod moved here from followup. Its table (followup_reportingperiod, kept by
Meta.db_table) and its rows stay as they are: this migration only takes the model over in the
migration state (followup 0004 lets go of it), and renames the model's content type so that its
history entries (core.HistoryEntry) and permissions follow it."""

import django.db.models.deletion
from django.db import migrations, models


def content_type_to_periods(apps, schema_editor):
    _move_content_type(apps, schema_editor, "followup", "periods")


def content_type_to_followup(apps, schema_editor):
    _move_content_type(apps, schema_editor, "periods", "followup")


def _move_content_type(apps, schema_editor, old_label, new_label):
    content_types = apps.get_model("contenttypes", "ContentType").objects.db_manager(
        schema_editor.connection.alias
    )
    old = content_types.filter(app_label=old_label, model="reportingperiod").first()
    if old is None:  # a new database: post_migrate creates the content type afterwards
        return
    new = content_types.filter(app_label=new_label, model="reportingperiod").first()
    if new is None:
        old.app_label = new_label
        old.save(update_fields=["app_label"])
    else:  # both exist (created by an earlier run): the history moves to the new one
        entries = apps.get_model("core", "HistoryEntry").objects.db_manager(
            schema_editor.connection.alias
        )
        entries.filter(content_type=old).update(content_type=new)
        old.delete()
    content_types.clear_cache()


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0004_historyentry_anonymise"),
        ("organisation", "0002_minimum_group_size"),
        # The table is created (and given its organisation and constraints) by followup's
        # first migrations.
        ("followup", "0003_outcomeimport"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ReportingPeriod",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("version", models.PositiveIntegerField(default=1, editable=False)),
                        ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("month", "Month"),
                                    ("tertial", "Tertial"),
                                    ("interim", "Interim report"),
                                    ("year_end", "Year-end"),
                                ],
                                max_length=20,
                                verbose_name="kind",
                            ),
                        ),
                        ("name", models.CharField(max_length=100, verbose_name="name")),
                        ("starts", models.DateField(verbose_name="covers from")),
                        ("ends", models.DateField(verbose_name="covers to")),
                        (
                            "deadline",
                            models.DateField(blank=True, null=True, verbose_name="report due"),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("planned", "Not yet open"),
                                    ("open", "Open for reporting"),
                                    ("closed", "Closed"),
                                ],
                                default="planned",
                                max_length=20,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "organisation",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="periods",
                                to="organisation.organisation",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "reporting period",
                        "verbose_name_plural": "reporting periods",
                        "db_table": "followup_reportingperiod",
                        "ordering": ["year", "ends", "kind"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("organisation", "year", "kind", "ends"),
                                name="period_unique",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("ends__gte", models.F("starts"))),
                                name="period_ends_after_start",
                            ),
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(content_type_to_periods, content_type_to_followup),
    ]
