"""Install the frameworks Roder ships (roder/quality/frameworks/shipped.py). Idempotent;
reversing keeps them (they may already be in use)."""

from django.db import migrations


def install(apps, schema_editor):
    from roder.quality.frameworks.files import install_shipped_frameworks

    install_shipped_frameworks(apps)


class Migration(migrations.Migration):
    dependencies = [("quality", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
