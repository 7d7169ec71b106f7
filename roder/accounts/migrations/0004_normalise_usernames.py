"""User names become NFKC and case-folded, as `User.normalize_username` makes new ones.

Names that would become the same are never merged: the migration stops and lists them, so that
an administrator renames all but one (in the admin site) and migrates again.
"""

import unicodedata
from collections import defaultdict

from django.core.management.base import CommandError
from django.db import migrations


def _normal(username):
    # A copy of User.normalize_username at the time of writing (migrations do not import models).
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", username).casefold())


def normalise_usernames(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    names = defaultdict(list)
    for pk, username in User.objects.values_list("pk", "username").order_by("pk"):
        names[_normal(username)].append((pk, username))
    clashes = {normal: people for normal, people in names.items() if len(people) > 1}
    if clashes:
        lines = [
            f"  {normal!r}: " + ", ".join(f"#{pk} {username!r}" for pk, username in people)
            for normal, people in sorted(clashes.items())
        ]
        raise CommandError(
            "These user names become the same when normalised (NFKC, case-folded). Rename all "
            "but one of each group, then migrate again. Nothing was changed.\n" + "\n".join(lines)
        )
    for normal, [(pk, username)] in names.items():
        if normal != username:
            User.objects.filter(pk=pk).update(username=normal)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_failedlogin_replaced_by_ratelimit")]

    operations = [migrations.RunPython(normalise_usernames, migrations.RunPython.noop)]
