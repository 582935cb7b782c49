from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Compile locale/*/LC_MESSAGES/*.po into .mo files. Like compilemessages, but in "
        "pure Python (polib), so no GNU gettext is needed on the machine."
    )

    def handle(self, *args, **options):
        compiled = 0
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                po = polib.pofile(str(po_path))
                if po.fuzzy_entries():
                    raise CommandError(f"{po_path} has fuzzy entries; review them first.")
                po.save_as_mofile(str(po_path.with_suffix(".mo")))
                compiled += 1
                self.stdout.write(f"{po_path}: {po.percent_translated()}% translated")
        if not compiled:
            raise CommandError("No .po files found under LOCALE_PATHS.")
