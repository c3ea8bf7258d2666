"""Signing in, forms with their CSRF tokens, and the seed paragraph, for organiser-area tests."""

import html
import re
from html.parser import HTMLParser

from tests.conftest import PASSWORD

SEED_PARAGRAPH = (
    "Chris Williamson will be speaking at a session on Latin America at Arise — A Festival of "
    "Labour’s Left Ideas this Saturday, July 28. The opening rally for Arise takes place from "
    "6.30pm at Student Central, WC1E on Friday July 27 and then various events take place there "
    "and at Unite House on Saturday July 28 from 10am-5pm. Participants include John McDonnell "
    "MP, Diane Abbott MP, Richard Burgon MP, Shami Chakrabarti, Steve Turner of Unite the Union "
    "and more."
)

# Our own words: a dated meeting, and a relative day that no reference date settles.
BOOK_CLUB = (
    "Book club: Friday 4 December 2026 at 7pm, the Crown, 1 Upper Street, London N1 1AA. "
    "The reading list goes out tomorrow."
)
# A day and a place, no time.
READING_GROUP = (
    "Reading group on Saturday 5 December 2026 at the Crown, 1 Upper Street, London N1 1AA."
)


def csrf_of(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def sign_in(client, email="org@example.org", password=PASSWORD):
    token = csrf_of(client.get("/login").get_data(as_text=True))
    return client.post("/login", data={"email": email, "password": password, "csrf_token": token})


def post(client, path, data, page="/organiser/"):
    token = csrf_of(client.get(page).get_data(as_text=True))
    return client.post(path, data={**data, "csrf_token": token})


def review_form(page: str) -> dict[str, str]:
    """The review page's fields with their values, as a browser would submit them."""
    fields = {}
    for tag in re.findall(r"<input[^>]*>", page):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name and value and ('type="checkbox"' not in tag or "checked" in tag):
            fields[name.group(1)] = value.group(1)
    for name, value in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)</textarea>', page):
        fields[name] = value
    for name, options in re.findall(r'<select[^>]*name="([^"]+)">(.*?)</select>', page, re.S):
        chosen = re.search(r'<option value="([^"]*)"\s+selected', options)
        fields[name] = chosen.group(1) if chosen else ""
    fields.pop("csrf_token", None)
    return {k: html.unescape(v) for k, v in fields.items()}


def paste(client, text=SEED_PARAGRAPH, reference="2018-07-20"):
    return post(
        client,
        "/organiser/new",
        {"text": text, "reference_date": reference, "timezone": "Europe/London"},
        page="/organiser/new",
    )


class _FormReader(HTMLParser):
    """The named fields of a page as a browser submits them (the page's few forms are told
    apart by their names): inputs, ticked boxes and radios, textareas; and each fieldset's
    legend with the value its radios have ticked, for a page that offers choices."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fields: dict[str, str] = {}
        self.choices: list[tuple[str, str | None]] = []
        self._textarea: str | None = None
        self._legend: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields[a["name"]] = a.get("value") or ""
            if a.get("type") == "radio" and self.choices:
                self.choices[-1] = (self.choices[-1][0], a["value"])
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self.fields[a["name"]] = ""
        elif tag == "legend":
            self._legend = []

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "legend" and self._legend is not None:
            self.choices.append(("".join(self._legend).strip(), None))
            self._legend = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data
        if self._legend is not None:
            self._legend.append(data)


def read_page_form(page: str) -> tuple[dict[str, str], list[tuple[str, str | None]]]:
    """The fields a browser would submit (CSRF token left out) and the offered choices."""
    reader = _FormReader()
    reader.feed(page)
    reader.fields.pop("csrf_token", None)
    return reader.fields, reader.choices


def press(client, path, data=None, page=None):
    """Submit the form posting to `path` as a browser would: with the hidden fields the page
    gave it (its token and the version of the event it shows), plus `data`. The page is the
    confirmation page for cancel and delete, else the dashboard."""
    if page is None:
        page = path if path.endswith(("/cancel", "/delete")) else "/organiser/"
    html_page = client.get(page).get_data(as_text=True)
    form = re.search(rf'<form[^>]*action="{re.escape(path)}"[^>]*>(.*?)</form>', html_page, re.S)
    assert form is not None, f"no form posting to {path} on {page}"
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form.group(1)))
    return client.post(path, data={**hidden, **(data or {})})
