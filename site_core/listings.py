"""Reverse listings across apps.

Imports run one way (reflections -> principles -> site_core), yet a contributor's
profile lists the reflections they wrote and a theme page lists the reflections
tagged with it. The app that owns a linking model registers a function here for
the model it links to; the page asks for every listing registered for its object,
without importing the app that provides it.
"""

from collections import defaultdict

_registry = defaultdict(dict)


def register(model_label, name):
    """Register ``fn(obj, locale)`` as the listing ``name`` for ``model_label``.

    ``model_label`` is ``"app_label.ModelName"``; ``fn`` must cost a fixed number
    of SQL queries, however many items it returns.
    """

    def decorator(fn):
        _registry[model_label.lower()][name] = fn
        return fn

    return decorator


def listings_for(obj, locale):
    """Every listing registered for ``obj``'s model, evaluated, by name."""
    label = obj._meta.label_lower
    return {name: fn(obj, locale) for name, fn in _registry[label].items()}
