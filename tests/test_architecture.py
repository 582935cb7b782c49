"""The layers of docs/architecture.md, kept true: imports and relations only go down.

1. foundation (``site_core``, except the wiring below) imports no app;
2. ``principles``, then ``reflections`` (which may import ``principles``);
3. wiring (``site_core``'s URLs, API, search, sitemap, robots, demo, commands) imports anything.

Why a test of our own rather than import-linter: ``site_core`` holds two layers
(foundation and wiring) as DESIGN.md asks, and import-linter could only express
that by listing every foundation module by hand, so a new one would go unchecked.
Here the wiring is a short list and everything else in ``site_core`` is
foundation by default. The same walk finds module-level import cycles.
"""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.db import models

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("site_core", "principles", "reflections")

# Modules (and packages) of site_core that wire the apps together.
WIRING = (
    "site_core.apps",  # connects the search vocabulary to publishing
    "site_core.purge",  # which pages of both apps show each object
    "site_core.urls",
    "site_core.api",
    "site_core.search",
    "site_core.sitemap",
    "site_core.views",
    "site_core.use_and_share",  # the partners' page: downloads, links, citing, embed, API
    "site_core.demo",
    "site_core.management",  # commands: entry points, like the URLs
    "site_core.wagtail_hooks",  # the admin's entry point: imports the staff modules
    "site_core.staff",  # what staff meet in the admin: roles, dashboard, editing
    "site_core.templatetags.staff_tags",  # the admin templates' helpers, over site_core.staff
)
LAYER_NAMES = ["foundation", "principles", "reflections", "wiring"]
MAX_LINES = 400  # a module past this wants to become a package; prose goes in data files


def layer_of(module):
    """0 foundation, 1 principles, 2 reflections, 3 wiring; None outside the project."""
    top = module.split(".")[0]
    if top == "principles":
        return 1
    if top == "reflections":
        return 2
    if top == "site_core":
        wiring = any(module == w or module.startswith(w + ".") for w in WIRING)
        return 3 if wiring else 0
    return None


def project_modules():
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            is_package = parts[-1] == "__init__"
            if is_package:
                parts = parts[:-1]
            found[".".join(parts)] = (path, is_package)
    return found


MODULES = project_modules()


def imports_of(module):
    """(imported module, at module level?) for every import statement in ``module``."""
    path, is_package = MODULES[module]
    tree = ast.parse(path.read_text(), filename=str(path))
    package = module if is_package else module.rpartition(".")[0]
    found = []

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                found.extend((alias.name, not in_function) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    anchor = package.split(".")
                    anchor = anchor[: len(anchor) - (child.level - 1)]
                    base = ".".join([*anchor, base] if base else anchor)
                for alias in child.names:
                    candidate = f"{base}.{alias.name}"
                    found.append((candidate if candidate in MODULES else base, not in_function))
            visit(child, nested)

    visit(tree, False)
    return found


def test_layers_are_recognised():
    assert {layer_of(module) for module in MODULES} == {0, 1, 2, 3}
    for wiring in WIRING:
        assert wiring in MODULES, f"{wiring} is listed as wiring but does not exist"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_import_goes_up_a_layer(module):
    own = layer_of(module)
    upward = [
        (imported, LAYER_NAMES[layer_of(imported)])
        for imported, _top in imports_of(module)
        if layer_of(imported) is not None and layer_of(imported) > own
    ]
    assert upward == [], f"{module} ({LAYER_NAMES[own]}) imports a higher layer"


def test_no_module_level_import_cycle():
    graph = {
        module: {
            imported
            for imported, top in imports_of(module)
            if top and imported in MODULES and imported != module
        }
        for module in MODULES
    }
    cycles = [component for component in strongly_connected(graph) if len(component) > 1]
    assert cycles == []


def strongly_connected(graph):
    """Tarjan's algorithm: the strongly connected components of ``graph``."""
    index, low, stack, on_stack, components = {}, {}, [], set(), []

    def connect(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            components.append(sorted(component))

    for node in graph:
        if node not in index:
            connect(node)
    return components


def test_relations_point_down_or_sideways():
    """A model's foreign keys and many-to-many links name models of its layer or below."""
    wrong = []
    for model in apps.get_models():
        own = layer_of(model.__module__)
        if own is None:
            continue
        for field in model._meta.get_fields():
            if not field.is_relation or field.auto_created or field.related_model is None:
                continue
            target = layer_of(field.related_model.__module__)
            if target is not None and target > own:
                wrong.append(
                    f"{model._meta.label}.{field.name} -> {field.related_model._meta.label}"
                )
    assert wrong == []


def test_relations_name_the_page_type_they_hold():
    """No project model links to Wagtail's generic Page where it holds one page type."""
    from wagtail.models import Page

    generic = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if layer_of(model.__module__) is not None
        for field in model._meta.get_fields()
        if isinstance(field, models.ForeignKey)
        and field.related_model is Page
        and field.name not in {"page_ptr", "alias_of"}
        and not field.auto_created
    ]
    assert generic == []


def test_no_module_is_too_long_to_read():
    long = {
        str(path.relative_to(ROOT)): length
        for path, _package in MODULES.values()
        if (length := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}
