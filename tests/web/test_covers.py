"""A cover image through the organiser's forms and on the public page: uploaded on the edit or
new event form, stored once in the shared database, served under its digest for a year, shown
on the page, in og:image and in the JSON-LD; a file that is not a usable image is refused with
a 4xx and nothing at all is stored."""

from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest
from PIL import Image
from sqlalchemy import func, select

from events_app.domain import EventFilter
from events_app.store import repository
from events_app.store.tables import ImageRow
from tests.builders import event
from tests.conftest import NOW
from tests.html_reader import attribute
from tests.test_images import claimed_size, picture_bytes
from tests.web.organiser_helpers import csrf_of, review_form

ORIGIN = "https://events.example.org"


def edit_fields(client, event_id: int) -> dict:
    page = client.get(f"/organiser/events/{event_id}/edit").get_data(as_text=True)
    return {**review_form(page), "csrf_token": csrf_of(page)}


def save_with(client, event_id: int, **extra):
    fields = {**edit_fields(client, event_id), **extra}
    return post_multipart(client, f"/organiser/events/{event_id}/edit", fields)


def post_multipart(client, path: str, fields: dict):
    """A multipart POST as a browser sends it; the body is built here because the test
    client's own encoder leaves a temporary file open for large uploads."""
    boundary = "----events-test-boundary"
    parts = []
    for name, value in fields.items():
        if isinstance(value, tuple):
            data, filename = value
            head = f'name="{name}"; filename="{filename}"\r\nContent-Type: image/png'
            parts.append(_part(boundary, head, data.getvalue()))
        else:
            parts.append(_part(boundary, f'name="{name}"', str(value).encode()))
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return client.post(path, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def _part(boundary: str, disposition: str, data: bytes) -> bytes:
    head = f"--{boundary}\r\nContent-Disposition: form-data; {disposition}\r\n\r\n"
    return head.encode() + data + b"\r\n"


def file_of(data: bytes, name: str = "poster.png"):
    return (io.BytesIO(data), name)


@pytest.fixture
def talk(store_events, organiser):
    [saved] = store_events(
        event("Poetry evening", owner_id=organiser.id, start=NOW + timedelta(days=3))
    )
    return saved


def stored_images(app_session) -> int:
    app_session.rollback()
    return app_session.scalar(select(func.count()).select_from(ImageRow))


def test_an_uploaded_cover_is_on_the_page_in_og_image_and_json_ld(
    signed_in, client, talk, app_session
):
    response = save_with(signed_in, talk.id, cover=file_of(picture_bytes((2400, 1260))))
    app_session.rollback()
    cover = repository.get_event_by_id(app_session, talk.id).cover
    path = f"/images/{cover.digest}.jpg"
    page = signed_in.get(f"/events/{talk.slug}").get_data(as_text=True)
    served = client.get(path)

    assert response.status_code == 302
    assert (cover.width, cover.height) == (1600, 840)
    assert attribute(page, "img.cover", "src") == [path]
    assert attribute(page, "meta[property=og:image]", "content") == [f"{ORIGIN}{path}"]
    jsonld = json.loads(page.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert jsonld["image"] == [f"{ORIGIN}{path}"]
    assert (served.status_code, served.mimetype, served.headers["Cache-Control"]) == (
        200,
        "image/jpeg",
        "public, max-age=31536000, immutable",
    )
    assert Image.open(io.BytesIO(served.data)).size == (1600, 840)
    assert client.get(path, headers={"If-None-Match": f'"{cover.digest}"'}).status_code == 304


def test_the_same_picture_twice_is_stored_once_and_removing_it_keeps_the_file(
    signed_in, talk, store_events, organiser, app_session
):
    [other] = store_events(event("Quiz", owner_id=organiser.id, start=NOW + timedelta(days=4)))
    picture = picture_bytes((300, 200))
    save_with(signed_in, talk.id, cover=file_of(picture))
    save_with(signed_in, other.id, cover=file_of(picture, "again.png"))
    once = stored_images(app_session)

    save_with(signed_in, talk.id, remove_cover="1")

    app_session.rollback()
    covers = [repository.get_event_by_id(app_session, e.id).cover for e in (talk, other)]
    assert once == 1
    assert covers[0] is None and covers[1] is not None
    assert signed_in.get(f"/images/{covers[1].digest}.jpg").status_code == 200


def test_saving_without_a_file_keeps_the_cover(signed_in, talk, app_session):
    save_with(signed_in, talk.id, cover=file_of(picture_bytes((300, 200))))
    app_session.rollback()
    before = repository.get_event_by_id(app_session, talk.id).cover

    save_with(signed_in, talk.id, title="Poetry evening, with music")

    app_session.rollback()
    after = repository.get_event_by_id(app_session, talk.id)
    assert (after.title, after.cover) == ("Poetry evening, with music", before)


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        (b"MZ\x90\x00 a program, not a picture", 415, "The cover must be an image"),
        (picture_bytes((400, 400))[:300], 415, "the file is damaged"),
        (claimed_size(picture_bytes((10, 10)), 30_000, 30_000), 413, "too many pixels"),
        (b"\x89PNG" + b"\0" * (9 * 1024 * 1024), 413, "too large: at most 8 MB"),
        (b"\0" * (11 * 1024 * 1024), 413, "larger than this site accepts here: at most 10 MiB"),
    ],
    ids=["program", "truncated", "bomb", "over-the-limit", "over-the-request-limit"],
)
def test_a_bad_upload_is_refused_and_nothing_is_stored(
    signed_in, talk, app_session, data, status, message
):
    before = repository.data_version(app_session)

    response = save_with(signed_in, talk.id, title="Changed", cover=file_of(data))

    app_session.rollback()
    after = repository.get_event_by_id(app_session, talk.id)
    assert response.status_code == status
    assert message in response.get_data(as_text=True)
    assert (after.title, after.cover, stored_images(app_session)) == ("Poetry evening", None, 0)
    assert repository.data_version(app_session) == before


def publish_zine_fair(client, **fields):
    """Publish a 'Zine fair' with a cover from the new-event form, with any further fields."""
    page = client.get("/organiser/events/new").get_data(as_text=True)
    form = {
        **review_form(page),
        "csrf_token": csrf_of(page),
        "e0-title": "Zine fair",
        "e0-start_date": "2027-02-06",
        "e0-start_time": "11:00",
        "e0-include": "1",
        "action": "publish",
        "e0-cover": file_of(picture_bytes((1200, 630), "JPEG")),
        **fields,
    }
    return post_multipart(client, "/organiser/publish", form)


def test_the_new_event_form_takes_a_cover(signed_in, app_session):
    response = publish_zine_fair(signed_in)

    app_session.rollback()
    [fair] = [
        e for e in repository.list_events(app_session, EventFilter()) if e.title == "Zine fair"
    ]
    assert response.status_code == 302
    assert (fair.cover.width, fair.cover.height, stored_images(app_session)) == (1200, 630, 1)


def test_the_cover_is_described_by_its_alt_text_or_else_the_title(signed_in, talk, app_session):
    save_with(signed_in, talk.id, cover=file_of(picture_bytes((300, 200))))
    untold = signed_in.get(f"/events/{talk.slug}").get_data(as_text=True)

    described = save_with(
        signed_in, talk.id, cover_alt="  A poet reading  under a red lamp ", title="Poetry night"
    )
    told = signed_in.get(f"/events/{talk.slug}").get_data(as_text=True)
    form = edit_fields(signed_in, talk.id)

    app_session.rollback()
    stored = repository.get_event_by_id(app_session, talk.id)
    assert described.status_code == 302
    assert attribute(untold, "img.cover", "alt") == ["Poetry evening"]
    assert attribute(told, "img.cover", "alt") == ["A poet reading under a red lamp"]
    assert (stored.cover_alt, form["cover_alt"]) == (
        "A poet reading under a red lamp",
        "A poet reading under a red lamp",
    )


def test_the_new_event_form_takes_the_covers_alt_text(signed_in, app_session):
    publish_zine_fair(signed_in, **{"e0-cover_alt": "Tables of zines in a church hall"})

    app_session.rollback()
    [fair] = [
        e for e in repository.list_events(app_session, EventFilter()) if e.title == "Zine fair"
    ]
    page = signed_in.get(f"/events/{fair.slug}").get_data(as_text=True)
    assert attribute(page, "img.cover", "alt") == ["Tables of zines in a church hall"]


def test_an_over_long_alt_text_is_refused_and_nothing_is_stored(signed_in, talk, app_session):
    before = repository.data_version(app_session)

    response = save_with(signed_in, talk.id, title="Changed", cover_alt="x" * 251)

    app_session.rollback()
    after = repository.get_event_by_id(app_session, talk.id)
    assert response.status_code == 422
    assert "Cover image description is too long: at most 250 characters" in response.get_data(
        as_text=True
    )
    assert (after.title, after.cover_alt, repository.data_version(app_session)) == (
        "Poetry evening",
        "",
        before,
    )
