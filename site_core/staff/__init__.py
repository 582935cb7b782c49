"""What staff meet in the Wagtail admin, beyond the models' own panels.

Wiring layer: these modules may import the apps. ``site_core/wagtail_hooks.py``
imports each one, so the hooks and viewsets they register are found.

- ``roles``: the four groups (editors, moderators, translators, administrators)
  and what a role may and may not do;
- ``translation``: translations that hold together (cascades, updates);
- ``translation_review``: translations go through review (submit, approve);
- ``editing``: editing without surprises (new pages, lengths, slugs, listings);
- ``dashboard``: the admin's home page, saying what needs doing.
"""
