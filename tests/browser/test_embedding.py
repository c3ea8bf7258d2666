"""The widget and the iframe page, as a visitor's browser on another site runs them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask

from events_app import services
from tests.browser.conftest import LiveServer
from tests.builders import event, venue
from tests.conftest import NOW


@pytest.fixture
def listed(live_app):
    with live_app.extensions["events_db"].sessions() as session:
        return services.create_events(
            session,
            [
                event(
                    "Branch meeting", start=NOW + timedelta(days=1), venues=[venue("Conway Hall")]
                ),
                event("<b>Bold</b> & <img src=x onerror=alert(1)>", start=NOW + timedelta(days=2)),
                event("Film night", start=NOW + timedelta(days=3), venues=[venue("Rio Cinema")]),
            ],
            now=NOW,
            uid_domain="example.org",
        )


def host_site(body: str) -> Flask:
    """Another origin, embedding our events the way a user's site would."""
    host = Flask("host")
    host.add_url_rule(
        "/",
        "index",
        lambda: (
            f"<!doctype html><html lang='en'><head>"
            f"<title>Host</title></head><body><main>{body}</main></body></html>"
        ),
    )
    return host


def test_widget_lists_events_with_text_nodes_only(browser, live_app, listed, artifacts):
    with LiveServer(live_app) as events_site:
        snippet = (
            f'<script src="{events_site.url}/static/embed.js" data-limit="2" '
            'data-title="What is on"></script>'
        )
        with LiveServer(host_site(snippet)) as host:
            page = browser.new_page()
            dialogs: list[str] = []
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(host.url)
            page.wait_for_selector(".events-widget li")
            items = page.locator(".events-widget li a").all_inner_texts()
            hrefs = page.locator(".events-widget li a").evaluate_all(
                "links => links.map(a => a.href)"
            )
            heading = page.locator(".events-widget h2").inner_text()
            page.screenshot(path=str(artifacts / "widget.png"), full_page=True)
            injected = page.locator(".events-widget b, .events-widget img").count()

    assert heading == "What is on"
    assert items == ["Branch meeting", "<b>Bold</b> & <img src=x onerror=alert(1)>"]
    assert hrefs[0] == f"http://127.0.0.1:5000/events/{listed[0].slug}"
    assert injected == 0
    assert dialogs == []


def test_widget_filters_by_venue(browser, live_app, listed):
    with LiveServer(live_app) as events_site:
        snippet = (
            f'<script src="{events_site.url}/static/embed.js" data-venue="rio-cinema"></script>'
        )
        with LiveServer(host_site(snippet)) as host:
            page = browser.new_page()
            page.goto(host.url)
            page.wait_for_selector(".events-widget li")
            items = page.locator(".events-widget li a").all_inner_texts()

    assert items == ["Film night"]


def test_embed_page_may_be_framed_but_the_site_may_not(browser, live_app, listed, artifacts):
    with LiveServer(live_app) as events_site:
        frames = (
            f'<iframe title="Events" src="{events_site.url}/embed?limit=2"></iframe>'
            f'<iframe title="Site" src="{events_site.url}/"></iframe>'
        )
        with LiveServer(host_site(frames)) as host:
            page = browser.new_page()
            page.goto(host.url)
            page.wait_for_load_state("networkidle")
            embed = next(f for f in page.frames if f.url.endswith("/embed?limit=2"))
            embedded = embed.locator("li a").all_inner_texts()
            others = [f for f in page.frames if f not in (page.main_frame, embed)]
            shown = [f.evaluate("document.body ? document.body.innerText : ''") for f in others]
            page.screenshot(path=str(artifacts / "embed-iframe.png"), full_page=True)

    assert embedded == ["Branch meeting", "<b>Bold</b> & <img src=x onerror=alert(1)>"]
    assert len(others) == 1
    assert not any("Branch meeting" in text for text in shown)


def test_widget_says_what_the_api_says_when_a_filter_names_nothing(browser, live_app, listed):
    with LiveServer(live_app) as events_site:
        snippet = (
            f'<script src="{events_site.url}/static/embed.js" data-venue="the-old-hall"></script>'
        )
        with LiveServer(host_site(snippet)) as host:
            page = browser.new_page()
            page.goto(host.url)
            status = page.locator(".events-widget [role=status]")
            status.filter(has_text="listed").wait_for()
            said = status.inner_text()
            items = page.locator(".events-widget li").count()

    assert said == "No venue “the-old-hall” is listed here."
    assert items == 0
