"""A Spanish reader gets a Spanish site: content, wording, dates, citations and the PDF.

The demo is translated but for one principle (``community-led``), kept in English on
purpose to show the fallback: wherever an untranslated item appears, a Spanish label
"(en inglés)" says so, while its English words keep ``lang="en"``.
"""

import io
import json
import re
from datetime import date

import pytest
from django import forms
from django.core.cache import cache
from django.utils import translation

from principles import pdf as pdf_module
from principles.citation import apa, citation_data
from principles.models import PrinciplePage
from site_core.models import ContactPage
from tests import factories

pytestmark = pytest.mark.django_db

PUBLISHER = "Threadwork Healing Justice Collective"
SPANISH_NAME = "Reducción de daños centrada en la sanación"
MONTHS = "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"
LABEL = '<span class="untranslated-label" lang="es">(en inglés)</span>'


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def cards(html, kind="principle"):
    """Each card of a list: (its whole markup, its title's text)."""
    found = re.findall(rf'<article class="card card--{kind}"[^>]*>.*?</article>', html, re.S)
    return [(card, " ".join(re.sub(r"<[^>]+>", "", title(card)).split())) for card in found]


def title(card):
    return re.search(r"<h\d.*?</h\d>", card, re.S)[0]


# --- the demo, in Spanish ------------------------------------------------------------------


def test_every_principle_but_one_is_in_spanish_and_the_one_says_so(client):
    listing = cards(html_of(client, "/es/principios/"))
    assert len(listing) == 9
    labelled = [(card, title) for card, title in listing if LABEL in card]
    assert [title for _card, title in labelled] == ["9 Community-Led (en inglés)"]
    card = labelled[0][0]
    assert card.startswith('<article class="card card--principle" lang="en">')  # English words
    titles = [title for _card, title in listing]
    for spanish in ("Ciclos", "Honrar", "Tiempo y espacio", "Antiopresión"):
        assert any(spanish in title for title in titles), spanish
    # English readers see no label: nothing there is shown in another language.
    assert "untranslated-label" not in html_of(client, "/en/principles/")


def test_the_label_follows_untranslated_items_into_every_list(client, tree, spanish_tree):
    # A contributor and a theme credited on the untranslated principle.
    assert LABEL in html_of(client, "/es/colaboradores/magali/")
    assert LABEL in html_of(client, "/es/temas/cuidado-comunitario/")
    # Both demo reflections are translated; a new English one shows in English, labelled.
    index = cards(html_of(client, "/es/reflexiones/"), "reflection")
    assert {title for _card, title in index} == {
        "Justicia sanadora y reducción de daños: una mesa redonda",
        "Tomarnos el tiempo en un turno de trabajo de calle",
    }
    reflection = factories.ReflectionPageFactory(
        parent=tree.reflections, title="Night shifts", slug="night-shifts", date="2026-11-20"
    )
    reflection.save_revision().publish()
    reflection.copy_for_translation(spanish_tree.locale, alias=True)
    index = cards(html_of(client, "/es/reflexiones/"), "reflection")
    labelled = [title for card, title in index if LABEL in card]
    assert labelled == ["Night shifts (en inglés)"]


def test_roundtable_about_and_contact_read_in_spanish(client):
    roundtable = html_of(
        client, "/es/reflexiones/mesa-redonda-justicia-sanadora-y-reduccion-de-danos/"
    )
    assert "Esta página aún no está traducida" not in roundtable
    assert "¿Cómo entiendes la justicia sanadora" in roundtable
    assert roundtable.count("(Resumen de demostración.)") == 5
    about = html_of(client, "/es/acerca-de/")
    assert "algo más que sobrevivir" in about and "salir adelante" not in about
    contact = html_of(client, "/es/contacto/")
    assert "<h1>Contacto</h1>" in contact
    for label in ("Tu nombre", "Tu correo electrónico", "Mensaje"):
        assert f">{label}" in contact, label
    assert "Your email" not in contact and "Message</label>" not in contact
    # The menu names the page in Spanish too.
    assert 'href="/es/contacto/"' in html_of(client, "/es/")
    spanish = ContactPage.objects.get(locale__language_code="es")
    english = ContactPage.objects.get(locale__language_code="en")
    # The answers of both forms are filed under the same names.
    assert [f.clean_name for f in spanish.form_fields.all()] == [
        f.clean_name for f in english.form_fields.all()
    ]


def test_the_native_readers_wording(client):
    pages = [
        "/es/",
        "/es/acerca-de/",
        "/es/principios/adaptacion/",
        "/es/temas/trabajo-sexual/",
        "/es/colaboradores/ismail-ali/",
        "/es/reflexiones/mesa-redonda-justicia-sanadora-y-reduccion-de-danos/",
    ]
    everything = " ".join(html_of(client, url) for url in pages)
    for calque in ("intercambian sexo", "Activismo por", "salir adelante"):
        assert calque not in everything, calque
    assert "personas que hacen trabajo sexual" in everything
    assert "Activista por la reducción de daños y la sanación psicodélica" in everything


def test_interface_strings_take_the_native_readers_wording():
    with translation.override("es"):
        assert translation.gettext("Links") == "Enlaces"
        assert translation.gettext("Did you mean:") == "Quizás buscabas:"
        assert translation.gettext("Your message has been sent.") == "Recibimos tu mensaje."
        with pytest.raises(forms.ValidationError) as refused:
            forms.CharField().clean("")
        assert refused.value.messages == ["Este campo es obligatorio."]
        # The label of an untranslated item, from the same catalogue.
        assert translation.pgettext("a language, inside a sentence", "English") == "inglés"
        assert translation.gettext("(in %(language)s)") % {"language": "inglés"} == "(en inglés)"


def test_an_untranslated_page_says_it_is_shown_in_english_in_spanish(client):
    html = html_of(client, "/es/principios/community-led/")
    assert "mientras tanto se muestra en inglés." in html
    assert "English" not in html.split('role="note"')[1].split("</p>")[0]


# --- dates and citations --------------------------------------------------------------------


def test_spanish_dates_name_the_month_in_spanish(client):
    index = html_of(client, "/es/reflexiones/")
    assert '<time datetime="2026-10-15">15 de octubre de 2026</time>' in index
    english = html_of(client, "/en/principles/adaptation/history/")
    assert re.search(
        r'<time datetime="\d{4}-\d\d-\d\d">[A-Z][a-z]+\.? \d{1,2}, \d{4}</time>', english
    )
    history = html_of(client, "/es/principios/adaptacion/history/")
    assert re.search(
        rf"<time datetime=\"[\d-]+\">\d{{1,2}} de ({MONTHS}) de \d{{4}}</time>", history
    )
    # The history of an untranslated principle quotes English words, marked as such.
    alias = html_of(client, "/es/principios/community-led/history/")
    assert '<p class="history__title" lang="en">' in alias


def test_a_spanish_citation_reads_the_way_a_spanish_text_quotes(client, rf):
    page = PrinciplePage.objects.get(slug="adaptacion")
    request = rf.get("/es/principios/adaptacion/")
    data = citation_data(page, request, PUBLISHER, date(2026, 11, 27))
    assert apa(data) == (
        f"{PUBLISHER}. (2026, 27 de noviembre). Adaptación (Principio 1). {SPANISH_NAME}. "
        "http://testserver/p/hc01/"
    )
    english = citation_data(
        PrinciplePage.objects.get(slug="adaptation"), request, PUBLISHER, date(2026, 11, 27)
    )
    assert apa(english) == (
        f"{PUBLISHER}. (2026, November 27). Adaptation (Principle 1). "
        "Healing-Centered Harm Reduction. http://testserver/p/hc01/"
    )
    # On the page, with the date of its last wording.
    html = html_of(client, "/es/principios/adaptacion/")
    assert re.search(
        rf"{PUBLISHER}\. \(\d{{4}}, \d{{1,2}} de ({MONTHS})\)\. Adaptación \(Principio 1\)\. "
        rf"{SPANISH_NAME}\. http://testserver/p/hc01/",
        html,
    )
    assert "Healing-Centered Harm Reduction. (" not in html  # the publisher is the author


def test_citation_files_name_the_publisher_and_the_library_in_the_readers_language(client):
    bib = client.get("/es/principios/adaptacion/cite/bibtex/").content.decode()
    assert f"author = {{{{{PUBLISHER}}}}}" in bib
    assert f"howpublished = {{{SPANISH_NAME}}}" in bib and "note = {Principio 1}" in bib
    # An untranslated principle: cited in Spanish, its words declared English.
    [item] = json.loads(client.get("/es/principios/community-led/cite/csl-json/").content)
    assert item["author"] == [{"literal": PUBLISHER}] and item["publisher"] == PUBLISHER
    assert item["container-title"] == SPANISH_NAME
    assert item["note"] == "Principio 9" and item["language"] == "en"
    assert item["title"] == "Community-Led"


# --- the Spanish PDF --------------------------------------------------------------------------


@pytest.fixture
def fresh_pdfs():
    cache.clear()
    pdf_module.delete_stored()
    yield
    cache.clear()
    pdf_module.delete_stored()


def test_the_spanish_pdf_marks_its_english_principle_and_keeps_labels_whole(client, fresh_pdfs):
    try:
        pdf_module.load_weasyprint()
    except pdf_module.PdfUnavailable as error:
        pytest.skip(f"WeasyPrint cannot load pango ({error}); CI installs it")
    from pypdf import PdfReader

    response = client.get("/es/principles/download.pdf")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    pages = [page.extract_text() or "" for page in reader.pages]
    text = "\n".join(pages)
    assert reader.metadata.author == PUBLISHER
    assert reader.metadata.title.endswith(SPANISH_NAME)
    assert "Un principio aún no está traducido" in re.sub(r"\s+", " ", pages[0])
    assert SPANISH_NAME in re.sub(r"\s+", " ", pages[0])
    # "(en inglés)" beside the English principle, in the contents and on its page, and
    # beside no other.
    spaced = re.sub(r"\s+", " ", text)
    assert spaced.count("(en inglés)") == 2
    assert re.search(r"Community-Led \(en inglés\)", spaced)
    # The label of the permanent link is never split across lines ("permanen-te").
    assert not re.search(r"permanen[-\u00ad\u2010]?\s*\n\s*te\b", text)
    assert spaced.count("Enlace permanente") >= 9
