"""Staff pin pages for a search in the admin (wagtail.contrib.search_promotions)."""

import re

import pytest
from wagtail.contrib.search_promotions.models import SearchPromotion

from tests import factories

pytestmark = pytest.mark.django_db


def test_staff_promote_a_principle_for_a_query(admin_client_logged_in, tree, client):
    # "Respect" also finds demo principles; the pinned one must come first, recommended.
    principle = factories.PrinciplePageFactory(
        parent=tree.principles, title="Quillon honor", statement="We honor what people know."
    )
    factories.PrinciplePageFactory(
        parent=tree.principles, title="Other", statement="Honor matters."
    )
    assert admin_client_logged_in.get("/admin/searchpicks/").status_code == 200
    response = admin_client_logged_in.post(
        "/admin/searchpicks/add/",
        {
            "query_string": "Respect",
            "editors_picks-TOTAL_FORMS": "1",
            "editors_picks-INITIAL_FORMS": "0",
            "editors_picks-MIN_NUM_FORMS": "0",
            "editors_picks-MAX_NUM_FORMS": "1000",
            "editors_picks-0-page": str(principle.pk),
            "editors_picks-0-external_link_url": "",
            "editors_picks-0-external_link_text": "",
            "editors_picks-0-description": "Start here",
            "editors_picks-0-ORDER": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert SearchPromotion.objects.get().page_id == principle.pk
    html = client.get("/en/search/?q=respect").content.decode()
    promoted = re.search(r'<ol class="results results--promoted">(.*?)</ol>', html, re.S)
    assert promoted, "no recommended results"
    assert "Recommended" in promoted.group(1) and ">Quillon honor</a>" in promoted.group(1)
