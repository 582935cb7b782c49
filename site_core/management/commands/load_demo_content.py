from django.core.management.base import BaseCommand

from principles.models import PrinciplePage
from site_core.demo.loader import DemoLoader


class Command(BaseCommand):
    help = (
        "Build the demo site: home, principles, themes, contributors, reflections. "
        "Safe to run again: it only adds what is missing and never changes what exists."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when any principle exists (used by `make serve`, so demo "
            "pages that staff deleted on purpose do not come back).",
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and PrinciplePage.objects.exists():
            self.stdout.write("Demo content: the site already has principles, left as it is.")
            return
        created = DemoLoader().run()
        if created:
            self.stdout.write(self.style.SUCCESS(f"Demo content: created {len(created)} items."))
        else:
            self.stdout.write("Demo content: already complete, nothing changed.")
