"""How long ingest takes: a 200 KB page fetched from a local server and read (extruct,
trafilatura, the parser), an A4 poster at 150 dpi through Tesseract and the parser, the same
poster photographed sideways (read once, found turned, its orientation asked of Tesseract's
OSD, turned and read again), and the same poster as PDFs: two A4 pages with a text layer
(pdfminer, both pages drawn for the review page by pypdfium2), one scanned at 150 dpi (drawn,
then read by Tesseract), and two pages of which the first has a text layer and the second is
a scan (each read its own way).
Prints figures; never asserts.

    .venv/bin/python bench/ingest_bench.py
"""

from __future__ import annotations

import ctypes
import io
import statistics
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pypdfium2
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageDraw, ImageFont

from events_app.fetch import Fetcher, allowed_hosts
from events_app.ingest.read import parse_source, read_bytes, read_link

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
EVENT = (
    "<p>The winter lecture on river birds is on Thursday 10 December 2026 at 7pm in the Old "
    "Library, 12 Castle Street, York YO1 9RN, with Dr Maria Holt of the county trust.</p>"
)
FILLER = (
    "<p>Our society has met every month since it was founded, and members take part in "
    "surveys along the river, count the birds that winter on the marshes and keep the records "
    "that the county's planners consult. New members are always welcome.</p>"
)


def page_of(size: int) -> bytes:
    nav = "<nav>" + "".join(f'<a href="/p{i}">Page {i}</a> ' for i in range(40)) + "</nav>"
    body, filler = [EVENT], FILLER
    while sum(map(len, body)) < size:
        body.append(filler)
    return (
        f"<!doctype html><html><head><title>Lectures</title></head><body>{nav}<article>"
        f"<h1>Winter lectures</h1>{''.join(body)}</article><footer>© The Society</footer>"
        "</body></html>"
    ).encode()


class Server(ThreadingHTTPServer):
    daemon_threads = True


def serve(body: bytes) -> Server:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


POSTER = [  # (line, size in pixels at 150 dpi)
    ("River Birds in Winter", 90),
    ("Thursday 10 December 2026, 7pm", 44),
    ("The Old Library, 12 Castle Street, York YO1 9RN", 34),
    ("A talk by Dr Maria Holt", 34),
    ("Free, all welcome", 34),
]


def poster_image(lines: list[tuple[str, int]] = POSTER) -> Image.Image:
    image = Image.new("L", (1240, 1754), 255)
    pen = ImageDraw.Draw(image)
    y = 120
    for text, size in lines:
        pen.text((80, y), text, font=ImageFont.truetype(FONT, size), fill=0)
        y += int(size * 1.8)
    return image


def poster() -> bytes:
    out = io.BytesIO()
    poster_image().save(out, format="PNG")
    return out.getvalue()


def turned_poster() -> bytes:
    """The poster as a photo taken sideways without an orientation tag: turned a quarter
    turn clockwise."""
    out = io.BytesIO()
    poster_image().transpose(Image.Transpose.ROTATE_270).save(out, format="PNG")
    return out.getvalue()


def scanned_pdf(lines: list[tuple[str, int]] = POSTER) -> bytes:
    out = io.BytesIO()
    poster_image(lines).convert("RGB").save(out, format="PDF", resolution=150)
    return out.getvalue()


def mixed_pdf() -> bytes:
    """The text-layer PDF's first page (the heading and the date), then the rest of the
    poster scanned."""
    scanned = scanned_pdf(POSTER[2:])
    with pypdfium2.PdfDocument(text_pdf()) as text, pypdfium2.PdfDocument(scanned) as scan:
        mixed = pypdfium2.PdfDocument.new()
        mixed.import_pages(text, [0])
        mixed.import_pages(scan, [0])
        out = io.BytesIO()
        mixed.save(out)
        mixed.close()
    return out.getvalue()


def text_pdf() -> bytes:
    """The poster's lines as a two-page A4 PDF with a text layer (Helvetica, written by
    PDFium): the heading and the date on the first page, the rest on the second."""
    document = pypdfium2.PdfDocument.new()
    for lines in (POSTER[:2], POSTER[2:]):
        page = document.new_page(595, 842)
        y = 760
        for text, pixels in lines:
            size = pixels * 72 / 150
            item = pdfium_c.FPDFPageObj_NewTextObj(document.raw, b"Helvetica", size)
            wide = ctypes.create_string_buffer((text + "\0").encode("utf-16-le"))
            pdfium_c.FPDFText_SetText(item, ctypes.cast(wide, ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
            pdfium_c.FPDFPageObj_Transform(item, 1, 0, 0, 1, 40, y)
            pdfium_c.FPDFPage_InsertObject(page.raw, item)
            y -= round(size * 1.8)
        pdfium_c.FPDFPage_GenerateContent(page.raw)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def timed(run, repeat: int) -> tuple[float, int]:
    times, count = [], 0
    for _ in range(repeat):
        began = time.perf_counter()
        count = len(run().drafts)
        times.append(time.perf_counter() - began)
    return statistics.median(times), count


def main() -> None:
    body = page_of(200_000)
    server = serve(body)
    fetcher = Fetcher(allowed_private=allowed_hosts("127.0.0.1"))
    url = f"http://127.0.0.1:{server.server_address[1]}/lectures"
    link = lambda: parse_source(  # noqa: E731
        read_link(url, fetcher, default_timezone="Europe/London"), timezone="Europe/London"
    )
    link()  # imports and first-use tables
    seconds, events = timed(link, 5)
    print(f"link: {len(body) / 1000:.0f} KB page, median {seconds:.2f} s, {events} event(s)")
    server.shutdown()
    image = poster()
    read_poster = lambda: parse_source(read_bytes(image), timezone="Europe/London")  # noqa: E731
    seconds, events = timed(read_poster, 3)
    print(f"poster: A4 at 150 dpi (1240 x 1754 px), median {seconds:.2f} s, {events} event(s)")
    upright = seconds
    sideways = turned_poster()
    read_turned = lambda: parse_source(read_bytes(sideways), timezone="Europe/London")  # noqa: E731
    seconds, events = timed(read_turned, 3)
    print(
        f"poster turned a quarter turn: median {seconds:.2f} s ({seconds / upright:.2f} times "
        f"upright), {events} event(s)"
    )
    for name, data in (
        ("pdf, text layer: 2 A4 pages read and drawn 1200 px wide", text_pdf()),
        ("pdf, scanned: 1 A4 page at 150 dpi drawn and read by Tesseract", scanned_pdf()),
        ("pdf, mixed: a text-layer page, then a page scanned at 150 dpi", mixed_pdf()),
    ):
        read_pdf = lambda data=data: parse_source(read_bytes(data), timezone="Europe/London")  # noqa: E731
        seconds, events = timed(read_pdf, 3)
        print(f"{name}, median {seconds:.2f} s, {events} event(s)")


if __name__ == "__main__":
    main()
