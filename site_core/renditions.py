"""Image renditions made when content is published, not on a visitor's first request.

Making a rendition means reading the original (from S3 when media live there),
resizing and encoding it, and writing the result: hundreds of milliseconds that the
first visitor of a page would otherwise wait for, and that a page cache would keep
hidden only until it is purged. So each object's images are rendered the moment
the public can first see them: a page or a contributor when published, the site
settings (which have no drafts) when saved.

``SHOWN`` is the one table of which images each kind of object shows and with
which filter specs; the templates' ``{% image %}`` tags use exactly these specs
(``tests/test_renditions_on_publish.py`` fails when a template uses another).
"""

import logging
from dataclasses import dataclass

from django.apps import apps
from django.db.models.signals import post_save
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, Page
from wagtail.signals import page_published, published

from site_core.blocks import ImageBlock

logger = logging.getLogger(__name__)

IMAGE_BLOCKS = "image blocks"  # every ImageBlock anywhere in the object's StreamFields


@dataclass(frozen=True)
class Shown:
    """Public pages show ``images`` of every ``model`` object with these filter specs."""

    model: str  # "app_label.ModelName"; subclasses count, so every page is a wagtailcore.Page
    images: str  # the name of a field holding one image, or IMAGE_BLOCKS
    specs: tuple[str, ...]  # Wagtail filter specs: the template's words joined by "|"
    where: str  # the template (or module) that shows them


SHOWN = (
    Shown("wagtailcore.Page", IMAGE_BLOCKS, ("width-800|format-webp",), "blocks/image.html"),
    Shown(
        "site_core.Contributor",
        "photo",
        ("fill-160x160|format-webp",),
        "reflections/contributor_page.html",
    ),
    Shown("site_core.SiteSettings", "logo", ("height-96",), "includes/header.html"),
    Shown(
        "site_core.SiteSettings",
        "icon",
        ("fill-32x32|format-png", "fill-180x180|format-png"),
        "base.html",
    ),
)


def rows_for(obj):
    return [row for row in SHOWN if isinstance(obj, apps.get_model(row.model))]


def image_blocks_in(block, value):
    """The values of every ImageBlock inside ``value``, however deeply nested."""
    if value is None:
        return
    if isinstance(block, ImageBlock):
        yield value
    elif isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from image_blocks_in(child.block, child.value)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from image_blocks_in(child_block, value.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from image_blocks_in(block.child_block, item)


def images_of(obj, images):
    if images != IMAGE_BLOCKS:
        image = getattr(obj, images)
        return [image] if image is not None else []
    found = []
    for field in obj._meta.get_fields():
        if isinstance(field, StreamField):
            for value in image_blocks_in(field.stream_block, getattr(obj, field.name)):
                if value.get("image") is not None:  # None: the image was deleted
                    found.append(value["image"])
    return found


def make_renditions(obj):
    """Find or make every rendition the public is shown of ``obj``; return them."""
    made = []
    for row in rows_for(obj):
        for image in images_of(obj, row.images):
            try:
                made.extend(image.get_renditions(*row.specs).values())
            except Exception as error:  # whatever fails, publishing must not fail for a picture
                # The first request that shows it makes the rendition instead, as before.
                logger.warning("Renditions of image %s not made: %s", image.pk, error)
    return made


def on_page_published(sender, instance, **kwargs):
    make_renditions(instance)


def on_published(sender, instance, **kwargs):
    if not isinstance(instance, Page):  # pages are done on page_published, sent just before
        make_renditions(instance)


def on_saved(sender, instance, **kwargs):
    make_renditions(instance)


def connect():
    """Make renditions when objects become public: on publish, or on save where no drafts."""
    page_published.connect(on_page_published, dispatch_uid="renditions-page-published")
    published.connect(on_published, dispatch_uid="renditions-published")
    for label in {row.model for row in SHOWN}:
        model = apps.get_model(label)
        if not issubclass(model, DraftStateMixin):
            post_save.connect(on_saved, sender=model, dispatch_uid=f"renditions-saved-{label}")
