"""Inputs the ingest tests make themselves: a news page around the seed paragraph (with
navigation, a donation box and a footer), posters drawn with Pillow, PDFs, e-mails, and a
local web server to fetch them from."""

from __future__ import annotations

import html
import io
import json
import textwrap
import threading
import zlib
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from pypdf import PdfReader, PdfWriter

SEED = (Path(__file__).parents[2] / "events_app" / "demo" / "arise-2018.txt").read_text()
#: The article's own paragraphs: after the site's "Skip to main content" and the headline,
#: before the paper's appeal for readers' money.
_PARAGRAPHS = [p.strip() for p in SEED.split("\n\n") if p.strip()]
HEADLINE = _PARAGRAPHS[1]
ARTICLE = _PARAGRAPHS[2 : next(i for i, p in enumerate(_PARAGRAPHS) if p.startswith("We're a"))]
ARTICLE_TEXT = HEADLINE + "\n\n" + "\n\n".join(ARTICLE)
SEED_PARAGRAPH = next(p for p in ARTICLE if "Arise" in p)
#: The seed split over two pages between sentences: the speaker's session on the first, the
#: rally and the festival's day on the second.
_SENTENCES = SEED_PARAGRAPH.split(". ")
SEED_PAGES = (". ".join(_SENTENCES[:2]) + ".", ". ".join(_SENTENCES[2:]))
#: The seed's three events as its text gives them: start, end, venues, speakers.
SEED_EVENTS = [
    ("2018-07-28", None, [], ["Chris Williamson"]),
    ("2018-07-27T18:30", None, ["Student Central"], []),
    (
        "2018-07-28T10:00",
        "2018-07-28T17:00",
        ["Student Central", "Unite House"],
        ["John McDonnell", "Diane Abbott", "Richard Burgon", "Shami Chakrabarti", "Steve Turner"],
    ),
]
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

#: The seed's three events as schema.org data, as a festival's site would publish them.
SEED_JSONLD = [
    {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": "Opening rally for Arise",
        "startDate": "2018-07-27T18:30:00+01:00",
        "location": {
            "@type": "Place",
            "name": "Student Central",
            "address": {
                "@type": "PostalAddress",
                "postalCode": "WC1E",
                "addressLocality": "London",
            },
        },
    },
    {
        "@context": "https://schema.org",
        "@type": "Festival",
        "name": "Arise — A Festival of Labour’s Left Ideas",
        "startDate": "2018-07-28T10:00:00+01:00",
        "endDate": "2018-07-28T17:00:00+01:00",
        "location": [
            {"@type": "Place", "name": "Student Central"},
            {"@type": "Place", "name": "Unite House"},
        ],
        "performer": [{"@type": "MusicGroup", "name": "The Red Flags"}],
        "eventStatus": "https://schema.org/EventPostponed",
        "offers": {"@type": "Offer", "url": "https://tickets.example/arise", "price": "0"},
    },
    {
        "@context": "https://schema.org",
        "@type": "EducationEvent",
        "name": "Session on Latin America",
        "startDate": "2018-07-28",
    },
]


def news_page(*, jsonld: list | None = None, calendar_link: str | None = None) -> bytes:
    """A newspaper's page for the seed article: menu, article, donation box, footer."""
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in ARTICLE)
    head_extra = ""
    if jsonld:
        head_extra += f'<script type="application/ld+json">{json.dumps(jsonld)}</script>'
    if calendar_link:
        head_extra += f'<link rel="alternate" type="text/calendar" href="{calendar_link}">'
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{html.escape(HEADLINE)} | The Daily Example</title>
<meta property="article:published_time" content="2018-07-24T09:00:00+01:00">{head_extra}</head>
<body><header><a href="#main">Skip to main content</a>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/features">Features</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main id="main"><article><h1>{html.escape(HEADLINE)}</h1>
<p class="byline">By a correspondent, 24 July 2018</p>
{body}</article></main>
<aside class="donate"><h2>Donate today</h2><p>Our paper belongs to its readers. Become a
supporter: this month's fighting fund still needs £9,896, with 14 days to go.</p>
<a class="button" href="/donate">Give now</a></aside>
<footer><p>© 2018 The Daily Example. Registered office: 1 Example Street, London.</p>
<p><a href="/privacy">Privacy policy</a> · <a href="/terms">Terms and conditions</a></p></footer>
</body></html>""".encode()


def microdata_page() -> bytes:
    return b"""<!DOCTYPE html><html><head><title>Readings</title></head><body>
<div itemscope itemtype="https://schema.org/Event"><h1 itemprop="name">Poetry by the canal</h1>
<p>On <time itemprop="startDate" datetime="2026-06-12T19:30">12 June, 7.30pm</time> at
<span itemprop="location" itemscope itemtype="https://schema.org/Place"><span itemprop="name">The
Lock Keeper's Cottage</span></span>.</p></div></body></html>"""


def rdfa_page() -> bytes:
    return b"""<!DOCTYPE html><html><head><title>Talks</title></head><body>
<div vocab="https://schema.org/" typeof="Event"><h1 property="name">Bees in the city</h1>
<p><span property="startDate" content="2026-05-20T18:00:00+01:00">20 May, 6pm</span>,
<span property="location" typeof="Place">
<span property="name">Friends Meeting House</span></span></p>
</div></body></html>"""


def draw_poster(lines: list[tuple[str, int]], *, size=(1240, 1754)) -> Image.Image:
    """A poster drawn line by line: (text, font size in pixels), top to bottom, black on white.
    1240 x 1754 is A4 at 150 dpi."""
    image = Image.new("L", size, 255)
    pen = ImageDraw.Draw(image)
    y = 90
    for text, points in lines:
        font = ImageFont.truetype(BOLD if points >= 60 else FONT, points)
        pen.text((80, y), text, font=font, fill=0)
        y += int(points * 1.6)
    return image


#: Layout 1: the heading on top, in big type, the details below.
POSTER_TOP = [
    ("Books and Beer Night", 90),
    ("Friday 12 June 2026", 44),
    ("Doors at 7.30pm", 44),
    ("The Lamb Inn, 4 Mill Road, Norwich NR2 4AB", 36),
    ("With readings by Ada Fielding", 36),
    ("Free entry", 36),
]
#: Layout 2: details first in small type, the heading at the foot in the biggest.
POSTER_BOTTOM = [
    ("Saturday 13 June 2026 from 2pm", 40),
    ("Riverside Gardens, 1 Quay Street, Bristol BS1 4DJ", 36),
    ("Stalls, music and a cake competition", 36),
    ("Summer Fete", 110),
]


def wrapped(text: str, size: int, width: int = 64) -> list[tuple[str, int]]:
    """`text` as a poster's or a page's lines of `width` characters, each of `size`."""
    return [(line, size) for line in textwrap.wrap(text, width)]


def latin(text: str) -> str:
    """`text` in the characters the hand-written PDF's Helvetica has (no dash, no curly
    apostrophe, no no-break space)."""
    return text.replace("—", "-").replace("’", "'").replace("\xa0", " ")


def seed_poster() -> Image.Image:
    """The seed paragraph as an A4 poster at 150 dpi under the heading "Arise festival"."""
    return draw_poster([("Arise festival", 90), *wrapped(SEED_PARAGRAPH, 30)])


def turned(image: Image.Image, degrees: int) -> Image.Image:
    """`image` turned `degrees` clockwise (0, 90, 180 or 270), as a poster photographed or
    scanned sideways or upside down is stored."""
    return image.rotate(-degrees, expand=True)


#: EXIF orientation tags (0x0112) and the clockwise turn each tells a viewer to make.
EXIF_TURNS = {1: 0, 6: 90, 3: 180, 8: 270}


def photo(image: Image.Image, orientation: int) -> bytes:
    """A JPEG as a camera held sideways writes `image`: its pixels stored turned back, and the
    EXIF orientation tag saying how to turn them to show it upright."""
    exif = Image.Exif()
    exif[0x0112] = orientation
    stored = turned(image, -EXIF_TURNS[orientation] % 360).convert("RGB")
    out = io.BytesIO()
    stored.save(out, format="JPEG", quality=90, exif=exif.tobytes())
    return out.getvalue()


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def webp(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="WEBP", quality=90)
    return out.getvalue()


def scanned_pdf(pages: list[Image.Image], *, resolution: int = 150, rotate: int = 0) -> bytes:
    """A PDF of page images with no text layer, as a scanner writes one (Pillow's PDF writer);
    with `rotate`, every page says /Rotate that many degrees (a viewer shows it turned
    clockwise so), as a scanner that knows the page went in sideways writes it."""
    out = io.BytesIO()
    first, *rest = [page.convert("RGB") for page in pages]
    first.save(out, format="PDF", resolution=resolution, save_all=True, append_images=rest)
    return with_rotate(out.getvalue(), rotate) if rotate else out.getvalue()


def with_rotate(pdf: bytes, rotate: int) -> bytes:
    """`pdf` with every page's /Rotate set to `rotate` (what a viewer's "rotate page" saves)."""
    reader, writer = PdfReader(io.BytesIO(pdf)), PdfWriter()
    for page in reader.pages:
        page.rotation = rotate
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


#: For a page of /Rotate R (a viewer turns it R degrees clockwise), the matrix (cm) that maps
#: the page as shown (x right, y up, from its lower left) to the page's own space, for a page
#: of A4's media box: drawing through it, text reads upright as the page is shown.
_SHOWN_TO_PAGE = {
    0: "1 0 0 1 0 0",
    90: "0 1 -1 0 595 0",
    180: "-1 0 0 -1 595 842",
    270: "0 -1 1 0 0 842",
}


def text_pdf(
    pages: list[list[tuple[str, int]] | Image.Image],
    *,
    leading: float = 1.8,
    rotate: int = 0,
    drawn_upright: bool = True,
    stamp: str = "",
) -> bytes:
    """A PDF with a text layer: each page a list of (line, font size in points), Helvetica,
    top to bottom, `leading` times the size apart (1.8 sets each line apart; a paragraph's
    lines are nearer 1.2); or an image, a scanned page with no text layer (A4 at 150 dpi).
    With `rotate` every page says /Rotate that many degrees: its text is drawn turned back
    so that it reads upright as the page is shown (as a landscape page is written), or, not
    `drawn_upright`, as on an unturned page, so that a viewer shows it turned. A `stamp` is
    written in small type at the foot of every scanned page, in a text layer, as scanning
    apps mark their pages. Written by hand so that no PDF library is needed to make the
    input."""
    objects: list[bytes] = []
    page_ids = []
    font_id = 3
    objects.append(b"")  # 1: catalog, filled below
    objects.append(b"")  # 2: pages, filled below
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    turn = rotate if drawn_upright else 0
    shown = _SHOWN_TO_PAGE[turn]
    width, height = (595, 842) if turn in (0, 180) else (842, 595)  # the page as shown
    for lines in pages:
        resources = b"/Font << /F1 %d 0 R >>" % font_id
        if isinstance(lines, Image.Image):
            objects.append(_image_object(lines))
            resources += b" /XObject << /Scan %d 0 R >>" % len(objects)
            commands = [f"q {shown} cm {width} 0 0 {height} 0 0 cm /Scan Do Q"]
            if stamp:
                commands += _text_commands([(stamp, 8)], shown, 20, leading)
        else:
            commands = _text_commands(lines, shown, height - 42, leading)
        stream = zlib.compress("\n".join(commands).encode("latin-1"))
        objects.append(
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
            + stream
            + b"\nendstream"
        )
        content_id = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Rotate %d /Resources << %s >> >>" % (content_id, rotate, resources)
        )
        page_ids.append(len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    kids = b" ".join(b"%d 0 R" % i for i in page_ids)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _text_commands(lines: list[tuple[str, int]], shown: str, top: int, leading: float) -> list[str]:
    commands = [f"q {shown} cm"]
    y = top
    for text, size in lines:
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        commands.append(f"BT /F1 {size} Tf 50 {y} Td ({escaped}) Tj ET")
        y -= round(size * leading)
    return [*commands, "Q"]


def _image_object(image: Image.Image) -> bytes:
    """A grey image XObject of `image`'s pixels (Flate-compressed), as a scan is stored."""
    grey = image.convert("L")
    data = zlib.compress(grey.tobytes())
    return (
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n"
        % (grey.width, grey.height, len(data))
        + data
        + b"\nendstream"
    )


def email(
    *,
    body: str | None = None,
    html_body: str | None = None,
    subject: str = "Arise festival this weekend",
    attachment: tuple[bytes, str, str, str] | None = None,
) -> bytes:
    """A message from an organiser's mailing list, as its .eml file would hold it."""
    message = EmailMessage()
    message["From"] = "Sam Organiser <sam@union.example>"
    message["To"] = "members@union.example"
    message["Subject"] = subject
    message["Date"] = "Tue, 24 Jul 2018 08:15:00 +0100"
    if body is not None:
        message.set_content(body)
    if html_body is not None:
        if body is None:
            message.set_content(html_body, subtype="html")
        else:
            message.add_alternative(html_body, subtype="html")
    if attachment:
        data, maintype, subtype, filename = attachment
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return bytes(message)


def nested_email(depth: int) -> bytes:
    """A message whose text sits `depth` multipart levels down (a hostile MIME tree)."""
    inner = b"Content-Type: text/plain\n\nhello\n"
    for level in range(depth):
        boundary = f"b{level}".encode()
        inner = (
            b"Content-Type: multipart/mixed; boundary="
            + boundary
            + b"\n\n--"
            + boundary
            + b"\n"
            + inner
            + b"\n--"
            + boundary
            + b"--\n"
        )
    return b"From: a@b.example\nSubject: deep\n" + inner


def many_parts_email(parts: int) -> bytes:
    """A message of `parts` small text parts side by side."""
    message = EmailMessage()
    message["From"] = "a@b.example"
    message["Subject"] = "parts"
    message.set_content("hello")
    for n in range(parts - 1):
        message.add_attachment(f"part {n}", filename=f"p{n}.txt")
    return bytes(message)


def invitation_ics(*, repeating: bool = True) -> bytes:
    """A branch's calendar file as mail programs attach it: a timed meeting in summer time and,
    with `repeating`, a two-day weekend school, a short weekly series and an entry with no start."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Branch//Dates//EN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        "UID:agm-2027@branch.example",
        "DTSTAMP:20261120T090000Z",
        "DTSTART;TZID=Europe/London:20270415T183000",
        "DTEND;TZID=Europe/London:20270415T200000",
        "SUMMARY:Branch annual general meeting",
        "LOCATION:Friends Meeting Hall, 12 Quaker Lane",
        "URL:https://branch.example/agm",
        "END:VEVENT",
    ]
    more = [
        "BEGIN:VEVENT",
        "UID:school-2027@branch.example",
        "DTSTAMP:20261120T090000Z",
        "DTSTART;VALUE=DATE:20270501",
        "DTEND;VALUE=DATE:20270503",
        "SUMMARY:Weekend school",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:clinic@branch.example",
        "DTSTAMP:20261120T090000Z",
        "DTSTART;TZID=America/Toronto:20270106T120000",
        "DTEND;TZID=America/Toronto:20270106T130000",
        "RRULE:FREQ=WEEKLY;COUNT=3",
        "SUMMARY:Casework clinic",
        "STATUS:TENTATIVE",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:nostart@branch.example",
        "DTSTAMP:20261120T090000Z",
        "SUMMARY:Date to be fixed",
        "END:VEVENT",
    ]
    lines = [*lines, *(more if repeating else []), "END:VCALENDAR"]
    return ("\r\n".join(lines) + "\r\n").encode()


class PageServer(ThreadingHTTPServer):
    """Serves `pages` (path -> (content type, body)) on 127.0.0.1; anything else is a 404."""

    daemon_threads = True

    def __init__(self, pages: dict[str, tuple[str, bytes]]) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.pages = pages

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"

    def __enter__(self) -> PageServer:
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: PageServer

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        found = self.server.pages.get(self.path)
        if found is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        content_type, body = found
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
