"""One rule for the text a request carries, whichever way it comes (an urlencoded or a
multipart form, a JSON body, the query string): U+FFFD is a character like any other, bytes
that are not UTF-8 are a 400, and so are NUL and a lone surrogate."""

from __future__ import annotations

import pytest

from tests.web.organiser_helpers import csrf_of, review_form

TEXT = "Meeting \ufffd on 12 March 2027 at 7pm at Conway Hall."
BOUNDARY = "----hygiene-boundary"


def multipart(fields: dict[str, bytes]) -> bytes:
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
        + value
        + b"\r\n"
        for name, value in fields.items()
    ]
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


def paste_fields(client, text: bytes) -> dict[str, bytes]:
    token = csrf_of(client.get("/organiser/new").get_data(as_text=True))
    return {
        "csrf_token": token.encode(),
        "text": text,
        "timezone": b"Europe/London",
        "reference_date": b"2026-11-28",
    }


def test_a_replacement_character_in_a_form_is_kept_as_typed(signed_in):
    fields = {k: v.decode() for k, v in paste_fields(signed_in, TEXT.encode()).items()}

    response = signed_in.post("/organiser/new", data=fields)

    assert response.status_code == 200
    assert review_form(response.get_data(as_text=True))["text"] == TEXT


def test_a_replacement_character_in_a_multipart_form_is_kept_as_typed(signed_in):
    body = multipart(paste_fields(signed_in, TEXT.encode()))

    response = signed_in.post(
        "/organiser/new", data=body, content_type=f"multipart/form-data; boundary={BOUNDARY}"
    )

    assert response.status_code == 200
    assert review_form(response.get_data(as_text=True))["text"] == TEXT


@pytest.mark.parametrize("text", [b"Meeting \xff on 12 March", b"Meeting \xed\xa0\x80 at 7"])
def test_bytes_that_are_not_utf8_in_a_multipart_form_are_refused(signed_in, text):
    body = multipart(paste_fields(signed_in, text))

    response = signed_in.post(
        "/organiser/new", data=body, content_type=f"multipart/form-data; boundary={BOUNDARY}"
    )

    assert (response.status_code, "Text must be UTF-8" in response.get_data(as_text=True)) == (
        400,
        True,
    )


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("q=%EF%BF%BD", 200, None),
        ("q=%FF", 400, "Query parameters must be UTF-8"),
        ("q=caf%C3", 400, "Query parameters must be UTF-8"),
        ("q=%00", 400, "q must not contain control characters"),
        ("title=" + "x" * 201, 400, "title is too long: at most 200 characters"),
    ],
)
def test_query_text_is_utf8_without_control_characters(client, query, status, message):
    response = client.get(f"/search?{query}")

    assert response.status_code == status
    if message is not None:
        assert message in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        (b'{"text": "\\ufffd Meeting on 12 March 2027 at 7pm."}', 200, None),
        (b'{"text": "\xff Meeting on 12 March 2027 at 7pm."}', 400, "Text must be UTF-8"),
        (b'{"text": "\\ud800 Meeting on 12 March 2027 at 7pm."}', 400, "Text must be UTF-8"),
        (b'{"text": "Meeting\\u0000 on 12 March"}', 400, "Text must not contain NUL characters"),
        (b'{"text": "Meeting", "x": ["\\u0000"]}', 400, "Text must not contain NUL characters"),
    ],
)
def test_json_text_passes_the_same_check(signed_in, body, status, message):
    response = signed_in.post("/api/v1/parse", data=body, content_type="application/json")

    assert response.status_code == status
    if message is None:
        [draft] = response.get_json()["events"]
        assert draft["start"] == "2027-03-12T19:00"
    else:
        assert message in response.get_json()["error"]["message"]
