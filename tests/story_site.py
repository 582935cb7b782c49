"""A library of its own, served by a process of its own, for browser stories that change it.

The session's demo (``demo_server``) runs inside the test's transaction, which is
right for tests that only read it. A story in which staff create, review, translate,
rename and delete a page needs what a real site does on commit: Wagtail announces a
slug change (and so the redirect) and sends its workflow emails when the transaction
commits, and wagtail-localize saves translations then. So the story gets a database
of its own (PostgreSQL when the session runs on PostgreSQL, else an SQLite file),
migrated and given the demo content by ``manage.py`` as ``make serve`` does, and a
server process of its own; the test reads its mail from files.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email import message_from_bytes, policy
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "a long password for the story"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class StorySite:
    url: str
    files: Path
    users: dict  # role → username

    def mail(self):
        """Every email the site has sent so far, oldest first."""
        folder = self.files / "mail"
        messages = []
        for path in sorted(folder.glob("*.log")) if folder.exists() else []:
            # The file backend ends each message with a line of 79 dashes.
            for chunk in path.read_bytes().split(b"-" * 79 + b"\n"):
                if chunk.strip():
                    messages.append(message_from_bytes(chunk.lstrip(), policy=policy.default))
        return messages

    def mail_to(self, username):
        address = f"{username}@example.org"
        return [message for message in self.mail() if address in message["To"]]


def _create_postgres_database(settings_dict, name):
    import psycopg

    with psycopg.connect(
        host=settings_dict["HOST"] or "127.0.0.1",
        port=settings_dict["PORT"] or 5432,
        user=settings_dict["USER"],
        dbname="postgres",
        autocommit=True,
    ) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def _drop_postgres_database(settings_dict, name):
    import psycopg

    with psycopg.connect(
        host=settings_dict["HOST"] or "127.0.0.1",
        port=settings_dict["PORT"] or 5432,
        user=settings_dict["USER"],
        dbname="postgres",
        autocommit=True,
    ) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


STAFF = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
for group, name in (("Editors", "edna"), ("Moderators", "moses"), ("Translators", "teresa")):
    user = get_user_model().objects.create_user(name, name + "@example.org", {password!r})
    user.first_name = name.capitalize()
    user.save()
    user.groups.add(Group.objects.get(name=group))
"""


def start_story_site(folder, database_settings):
    """Build the library in a new database and serve it; returns (site, stop)."""
    on_postgres = database_settings["ENGINE"].endswith("postgresql")
    if on_postgres:
        name = f"{database_settings['NAME']}_story"
        _create_postgres_database(database_settings, name)
        database_url = (
            f"postgres://{database_settings['USER']}@{database_settings['HOST'] or '127.0.0.1'}:"
            f"{database_settings['PORT'] or 5432}/{name}"
        )
    else:
        database_url = f"sqlite:///{folder / 'story.sqlite3'}"
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_SETTINGS_MODULE="site_core.settings.test",
        DATABASE_URL=database_url,
        TEST_SERVER_FILES=str(folder),
    )

    def manage(*args):
        subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
            stdout=subprocess.DEVNULL,
        )  # fmt: skip

    manage("migrate", "--noinput", "-v0")
    manage("load_demo_content", "-v0")
    manage("shell", "-c", STAFF.format(password=PASSWORD))
    port = free_port()
    log = (folder / "server.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url + "/admin/login/", timeout=2)
            break
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError((folder / "server.log").read_text()) from None
            time.sleep(0.2)

    def stop():
        server.terminate()
        server.wait(timeout=20)
        log.close()
        if on_postgres:
            _drop_postgres_database(database_settings, name)

    site = StorySite(url=url, files=folder, users={"editor": "edna", "moderator": "moses",
                                                   "translator": "teresa"})  # fmt: skip
    return site, stop
