"""The organiser area in Spanish (issue 15): its forms' labels, its headings and the flash
messages its actions send follow the visitor's language (Accept-Language or the switcher's
cookie), while the English pages stay as they were."""

from __future__ import annotations

import html
import re

from tests.web.organiser_helpers import BOOK_CLUB, paste, post, review_form, sign_in


def labels(page: str) -> list[str]:
    """Every label of a form, in page order, as a person reads it."""
    return [
        html.unescape(re.sub(r"<[^>]+>", "", found).strip())
        for found in re.findall(r"<label[^>]*>(.*?)</label>", page, re.S)
    ]


def flashes(page: str) -> list[str]:
    return [
        html.unescape(message)
        for message in re.findall(r'<div class="flash" role="status">(?:<p>(.*?)</p>)+', page)
    ]


def headings(page: str) -> list[str]:
    return [html.unescape(found) for found in re.findall(r"<h[12][^>]*>([^<]*)</h[12]>", page)]


SPANISH_FORM_LABELS = [
    "Título",
    "Fecha de inicio",
    "Hora de inicio (en blanco: por anunciar)",
    "Fecha de fin (si es otro día)",
    "Hora de fin",
    "Zona horaria (escriba una ciudad)",
    "Todo el día (sin hora de inicio)",
    "Cómo se asiste",
    "Enlace para conectarse (en línea o híbrido)",
    "Página del evento",
    "Lugares, uno por línea: nombre; dirección; código postal; ciudad",
    "Ponentes, uno por línea: nombre; tratamiento (Dr., Dra.); afiliación",
    "Forma parte de",
    "Enlace de entradas",
    "Precio",
    "Etiquetas (separadas por comas)",
    "Con qué frecuencia",
    "Cada (semanas o meses)",
    "Hasta (fecha)",
    "O este número de veces",
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
    "Cada mes, el",
    "día de la semana del mes",
    "Otra regla: RRULE de iCalendar (avanzado)",
    "Descripción",
    "Organizador (se muestra en la página del evento)",
    "Imagen de portada (JPEG, PNG, WebP o GIF, como mucho 8 MB)",
    "Describa la imagen para quien no pueda verla (si se deja vacío, se usa el título)",
]
ENGLISH_FORM_LABELS = [
    "Title",
    "Start date",
    "Start time (blank: to be announced)",
    "End date (if another day)",
    "End time",
    "Time zone (type a city)",
    "All day (no start time)",
    "How people attend",
    "Join link (online or hybrid)",
    "Event page",
    "Venues, one a line: name; address; postcode; city",
    "Speakers, one a line: name; title (Dr, MP); affiliation",
    "Part of",
    "Tickets link",
    "Price",
    "Tags (commas between)",
    "How often",
    "Every (weeks or months)",
    "Until (date)",
    "Or this many times",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Monthly, on the",
    "weekday of the month",
    "Another rule: iCalendar RRULE (advanced)",
    "Description",
    "Organiser (shown on the event’s page)",
    "Cover image (JPEG, PNG, WebP or GIF, at most 8 MB)",
    "Describe the picture for people who cannot see it (left empty, the title is used)",
]


SPANISH_HEADER_AND_DRAFT = ["Buscar eventos", "Incluir este evento"]
"""The site header's search box, then the one draft's "include" tick box."""
ENGLISH_HEADER_AND_DRAFT = ["Search events", "Include this event"]


def test_the_new_event_form_is_labelled_in_the_browsers_language(signed_in):
    spanish = signed_in.get("/organiser/events/new", headers={"Accept-Language": "es-ES,es"})
    english = signed_in.get("/organiser/events/new", headers={"Accept-Language": "en-GB"})

    assert (spanish.status_code, english.status_code) == (200, 200)
    assert labels(spanish.get_data(as_text=True)) == [
        *SPANISH_HEADER_AND_DRAFT,
        *SPANISH_FORM_LABELS,
    ]
    assert labels(english.get_data(as_text=True)) == [
        *ENGLISH_HEADER_AND_DRAFT,
        *ENGLISH_FORM_LABELS,
    ]


def test_the_paste_form_and_the_dashboard_follow_the_language_cookie(signed_in):
    signed_in.set_cookie("lang", "es")

    form = signed_in.get("/organiser/new").get_data(as_text=True)
    dashboard = signed_in.get("/organiser/").get_data(as_text=True)

    assert labels(form) == [
        "Buscar eventos",
        "Anuncio",
        "Fecha en que se escribió o publicó (aclara «este sábado» y los años que faltan; si se "
        "deja en hoy, un texto que indica sus años se lee según ellos)",
        "Zona horaria, si el texto no indica ninguna",
        "Dirección de la página (se leen sus datos de eventos o, si no los tiene, su texto "
        "principal)",
        "Un cartel o folleto (PNG, JPEG, WebP o PDF), un correo guardado como .eml o una página "
        "web guardada; como mucho 10 MB",
    ]
    assert labels(dashboard) == ["Buscar eventos", "Buscar en sus eventos", "Mostrar"]
    assert headings(dashboard) == ["Tus eventos", "Borradores", "Próximos", "Pasados"]


def test_publishing_in_spanish_says_so_in_spanish(signed_in):
    signed_in.set_cookie("lang", "es")
    fields = review_form(paste(signed_in, BOOK_CLUB, "2026-11-20").get_data(as_text=True))

    published = post(signed_in, "/organiser/publish", {**fields, "action": "publish"})
    dashboard = signed_in.get("/organiser/").get_data(as_text=True)

    assert published.status_code == 302
    assert flashes(dashboard) == ["2 eventos publicados."]


def test_saving_drafts_in_english_says_so_as_before(signed_in):
    fields = review_form(paste(signed_in, BOOK_CLUB, "2026-11-20").get_data(as_text=True))

    post(signed_in, "/organiser/publish", {**fields, "action": "draft"})

    assert flashes(signed_in.get("/organiser/").get_data(as_text=True)) == [
        "2 events saved as drafts."
    ]


def errors(page: str) -> list[str]:
    return [
        html.unescape(found)
        for found in re.findall(r'<p class="error" role="alert">(.*?)</p>', page)
    ]


def test_a_refused_form_says_what_is_wrong_in_spanish(signed_in):
    signed_in.set_cookie("lang", "es")
    fields = review_form(signed_in.get("/organiser/events/new").get_data(as_text=True))
    typed = {"e0-title": "Club de lectura", "e0-start_date": "2026-12-04", "e0-start_time": "25:00"}

    refused = post(signed_in, "/organiser/publish", {**fields, **typed, "action": "publish"})

    assert refused.status_code == 422
    assert errors(refused.get_data(as_text=True)) == [
        "Hora de inicio debe ser una hora del día, HH:MM (de 00:00 a 23:59)"
    ]


def test_the_accounts_page_and_its_flash_are_in_spanish(client, admin):
    assert sign_in(client, "admin@example.org").status_code == 302
    client.set_cookie("lang", "es")

    added = post(
        client,
        "/organiser/users/",
        {
            "email": "nueva@example.org",
            "password": "una contraseña bastante larga",
            "role": "organiser",
        },
        page="/organiser/users/",
    )
    page = client.get("/organiser/users/").get_data(as_text=True)

    assert added.status_code == 302
    assert flashes(page) == ["Se creó la cuenta de organizador nueva@example.org."]
    assert labels(page) == [
        "Buscar eventos",
        "Función de admin@example.org",
        "Función de nueva@example.org",
        "Correo",
        "Primera contraseña (se le puede decir en persona; como mínimo 10 caracteres)",
        "Función",
    ]
