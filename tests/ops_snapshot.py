"""What a restore must bring back, read from a library by ``manage.py shell`` in a process
of its own (test settings, uploads in files under TEST_SERVER_FILES).

``snapshot()`` answers a JSON object: hashes of every page (all its fields, specific
type included), every revision, theme and contributor row, every image and rendition
(fields and file bytes), the row count of every table, and the status and body hash of
every page the sitemap lists, both home pages, searches and API listings, as a visitor
would get them.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# An uploaded photo for the first contributor (in every language), and its rendition,
# made by showing the contributor's page once.
ADD_IMAGE = """
from io import BytesIO
from django.core.files.images import ImageFile
from django.test import Client
from PIL import Image as Picture
from wagtail.images import get_image_model
from site_core.models import Contributor

picture = BytesIO()
Picture.new("RGB", (320, 200), (180, 90, 40)).save(picture, "PNG")
image = get_image_model().objects.create(
    title="Round trip", description="An orange rectangle",
    file=ImageFile(picture, name="round-trip.png"),
)
first = Contributor.objects.order_by("pk").first()
Contributor.objects.filter(translation_key=first.translation_key).update(photo=image)
assert Client().get(f"/en/contributors/{first.slug}/").status_code == 200
"""

SNAPSHOT = """
import hashlib, json, re
from django.db import connection
from django.test import Client
from wagtail.images import get_image_model
from wagtail.models import Page, Revision
from principles.models import Theme
from site_core.models import Contributor

def digest(value):
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()

def rows(objects):
    return [{f.attname: f.value_to_string(o) for f in o._meta.concrete_fields} for o in objects]

def with_bytes(objects):
    found = []
    for row, obj in zip(rows(objects), objects):
        if not obj.file.storage.exists(obj.file.name):
            found.append(dict(row, bytes="file missing"))
            continue
        with obj.file.open("rb") as file:
            found.append(dict(row, bytes=hashlib.sha256(file.read()).hexdigest()))
    return found

images = list(get_image_model().objects.order_by("pk"))
renditions = [r for image in images for r in image.renditions.order_by("pk")]
# The search log counts each search made (the rendering below makes some): not content.
skip = re.compile(r"querydailyhits|wagtailsearchpromotions_query$")
with connection.cursor() as cursor:
    counts = {}
    for table in connection.introspection.table_names():
        if not skip.search(table):
            cursor.execute(f'SELECT count(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
result = {
    "counts": counts,
    "pages": digest(rows(Page.objects.order_by("pk").specific())),
    "revisions": digest(rows(Revision.objects.order_by("pk"))),
    "themes": digest(rows(Theme.objects.order_by("pk"))),
    "contributors": digest(rows(Contributor.objects.order_by("pk"))),
    "images": with_bytes(images),
    "renditions": with_bytes(renditions),
}
client = Client()
sitemap = client.get("/sitemap.xml").content.decode()
paths = sorted(set(re.findall(r"<loc>https?://[^/<]+(/[^<]*)</loc>", sitemap)))
paths += ["/en/", "/es/", "/en/search/?q=healing", "/es/search/?q=comunidad",
          "/api/v2/principles/?locale=en", "/api/v2/contributors/?fields=*"]
result["rendered"] = {}
hidden = re.compile(rb'<input[^>]*type="hidden"[^>]*>')
for path in paths:
    response = client.get(path)
    # A form's hidden fields (the contact form's token) are new on every rendering.
    body = hidden.sub(lambda tag: re.sub(rb'value="[^"]*"', b"", tag.group()), response.content)
    result["rendered"][path] = [response.status_code, hashlib.sha256(body).hexdigest()]
print("SNAPSHOT" + json.dumps(result))
"""


def site_env(database_url, files):
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_SETTINGS_MODULE="site_core.settings.test",
        DATABASE_URL=database_url,
        TEST_SERVER_FILES=str(files),
    )
    return env


def snapshot(database_url, files, setup=""):
    """The snapshot of the library in ``database_url`` with uploads under ``files``/media."""
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", setup + SNAPSHOT],
        cwd=ROOT, env=site_env(database_url, files), capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    line = next(line for line in done.stdout.splitlines() if line.startswith("SNAPSHOT"))
    return json.loads(line.removeprefix("SNAPSHOT"))
