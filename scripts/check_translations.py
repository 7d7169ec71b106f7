"""Fail when the Swedish catalogue is incomplete.

1. Every entry of django.po is translated and none is fuzzy.
2. The committed django.mo holds exactly what django.po says.
3. With GNU gettext installed (CI installs it), makemessages finds no string in the code or the
   templates that django.po lacks.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "sv" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def entries(catalogue) -> dict:
    return {
        (e.msgctxt, e.msgid, e.msgid_plural): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in catalogue
        if not e.obsolete
    }


def main() -> int:
    problems = []
    po = polib.pofile(str(PO))
    problems += [f"untranslated: {e.msgid!r}" for e in po.untranslated_entries()]
    problems += [f"fuzzy: {e.msgid!r}" for e in po.fuzzy_entries()]
    if not MO.exists() or entries(polib.mofile(str(MO))) != entries(po.translated_entries()):
        problems.append("django.mo is out of date: run `make messages`")
    if shutil.which("xgettext"):
        problems += [f"not in django.po: {msgid!r}" for msgid in missing_msgids(po)]
    else:
        print("check_translations: xgettext not found, skipped the search for new strings")
    for problem in problems:
        print(problem)
    if problems:
        print(f"check_translations: {len(problems)} problem(s) in {PO.relative_to(ROOT)}")
        return 1
    print(f"check_translations: {len(po.translated_entries())} Swedish strings, all complete")
    return 0


def missing_msgids(po) -> list[str]:
    """Run makemessages against a copy of django.po and report msgids it had to add."""
    backup = Path(tempfile.mkdtemp()) / "django.po"
    shutil.copy2(PO, backup)
    try:
        subprocess.run(
            [sys.executable, "manage.py", "makemessages", "--locale", "sv", "--verbosity", "0"],
            cwd=ROOT,
            check=True,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        )
        fresh = polib.pofile(str(PO))
    finally:
        shutil.copy2(backup, PO)
    known = {(e.msgctxt, e.msgid) for e in po}
    return sorted(e.msgid for e in fresh if (e.msgctxt, e.msgid) not in known)


if __name__ == "__main__":
    sys.exit(main())
