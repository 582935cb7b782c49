from django.core.management.base import BaseCommand, CommandError

from site_core.contact_form import send_contact_mail
from site_core.models import ContactSubmission


class Command(BaseCommand):
    help = (
        "Mail the contact messages that are stored but not mailed yet (the mail server "
        "was down or slow when they were sent). Prints how many were sent and how many "
        "are still waiting, and exits with status 1 while any are. Safe to run at any "
        "time, and beside the site: a message is never mailed twice."
    )

    def handle(self, *args, **options):
        waiting = ContactSubmission.objects.filter(mailed_at__isnull=True)
        sent = sum(send_contact_mail(submission) for submission in waiting.order_by("pk"))
        left = list(waiting.order_by("pk").values_list("pk", "mail_attempts", "mail_error"))
        self.stdout.write(f"Contact messages mailed: {sent}. Still waiting: {len(left)}.")
        for pk, attempts, error in left:
            # The id and the server's answer only: what the visitor wrote stays in the admin.
            self.stderr.write(f"Message {pk}: {attempts} attempts; last: {error or 'not tried'}")
        if left:
            raise CommandError(f"Contact messages still not mailed: {len(left)}.", returncode=1)
