"""Lists split into pages: one rule for every list on the site."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator


def paginate(request, items, per_page):
    """A page of ``items``; a bad or out-of-range ``?page=`` gives the nearest page.

    A visitor who edits the address or follows an old link past the end lands on
    a real page of the list instead of an error.
    """
    paginator = Paginator(items, per_page)
    raw = request.GET.get("page", "1")
    try:
        return paginator.page(raw)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages if int(raw) > 1 else 1)
