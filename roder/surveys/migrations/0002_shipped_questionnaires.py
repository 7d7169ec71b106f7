"""Install the questionnaires Roder ships (roder/surveys/shipped.py). Idempotent; reversing
keeps them (they may already be in use)."""

from django.db import migrations


def install(apps, schema_editor):
    from roder.surveys.files import install_shipped

    install_shipped(apps)


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
