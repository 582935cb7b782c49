"""The public data API at /api/v2/: Wagtail's API v2, read-only, for partners.

Four endpoints, each limited to one model: ``principles``, ``reflections``,
``themes`` and ``contributors`` (docs/api.md is the partners' guide). Everything
here is public: no authentication, no session, no cookie, and JSON only (the
browsable HTML API would set a CSRF cookie). Every query parameter is checked,
so a mistyped one answers 400 with a message rather than being ignored or
failing with a 500.

- ``filters``: the query parameters (``?locale=``, ``?search=``, ``?order=`` …)
- ``fields``: the fields computed for partners (links in the item's language, URLs)
- ``endpoints``: one view set per model
- ``urls``: the router and the root listing
"""
