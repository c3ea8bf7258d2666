"""/favicon.ico, which every browser asks for, is the site's icon rather than a 404."""

from __future__ import annotations

import io

from PIL import Image


def test_favicon_is_an_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response.mimetype == "image/vnd.microsoft.icon"
    icon = Image.open(io.BytesIO(response.data))
    assert (icon.format, sorted(icon.info["sizes"])) == ("ICO", [(16, 16), (32, 32)])


def test_pages_name_the_icon(client):
    assert '<link rel="icon" href="/favicon.ico"' in client.get("/").get_data(as_text=True)
