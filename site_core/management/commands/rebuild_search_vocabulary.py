from django.core.management.base import BaseCommand

from site_core.search.vocabulary import rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the 'did you mean' vocabulary from scratch, from the principles and "
        "reflections visible to the public now. Safe to run at any time."
    )

    def handle(self, *args, **options):
        words = rebuild()
        self.stdout.write(f"Search vocabulary rebuilt: {words} words.")
