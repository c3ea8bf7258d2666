"""The widget and the iframe page, as a visitor's browser on another site runs them."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from flask import Flask

from tests.browser.conftest import SIZES, LiveServer, store_events, violations
from tests.builders import event, london, venue
from tests.conftest import NOW


@pytest.fixture
def listed(live_app):
    with live_app.extensions["events_db"].sessions() as session:
        return store_events(
            session,
            [
                event(
                    "Branch meeting", start=NOW + timedelta(days=1), venues=[venue("Conway Hall")]
                ),
                event("<b>Bold</b> & <img src=x onerror=alert(1)>", start=NOW + timedelta(days=2)),
                event("Film night", start=NOW + timedelta(days=3), venues=[venue("Rio Cinema")]),
            ],
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


HOSTILE = """<style>
  section, h2, ul, li, a, time, span, p, [role=status] { display: none !important; }
  .events-widget, .event, .title, .date, .when, .where, .time {
    display: none !important; visibility: hidden !important; color: transparent !important;
  }
  div { opacity: 0 !important; height: 0 !important; overflow: hidden !important;
        position: absolute !important; left: -9999px !important; }
  html { font-size: 1px !important; }
  body { color: transparent !important; font-size: 0 !important; }
</style>"""


def test_widget_survives_a_hostile_host_stylesheet(
    browser, live_app, listed, artifacts, axe_source
):
    with LiveServer(live_app) as events_site:
        snippet = (
            f'{HOSTILE}<h1>Our branch</h1><script src="{events_site.url}/static/embed.js" '
            'data-limit="2" data-title="What is on"></script>'
        )
        with LiveServer(host_site(snippet)) as host:
            page = browser.new_page()
            page.goto(host.url)
            page.wait_for_selector(".events-widget li")
            titles = page.locator(".events-widget li a")
            times = page.locator(".events-widget li time")
            shown = {
                "heading": page.locator(".events-widget h2").inner_text(),
                "titles": titles.all_inner_texts(),
                "visible": [titles.nth(0).is_visible(), times.nth(0).is_visible()],
                "sizes": times.evaluate_all("ts => ts.map(t => getComputedStyle(t).fontSize)"),
            }
            found = violations(page, axe_source)
            page.screenshot(path=str(artifacts / "widget-hostile-host.png"), full_page=True)

    assert shown == {
        "heading": "What is on",
        "titles": ["Branch meeting", "<b>Bold</b> & <img src=x onerror=alert(1)>"],
        "visible": [True, True],
        "sizes": ["14.4px", "14.4px"],
    }
    assert found == []


def test_widget_shows_each_time_in_its_zone_with_the_zone_label(browser, live_app):
    with live_app.extensions["events_db"].sessions() as session:
        store_events(
            session,
            [
                event("Winter social", start=london(2026, 12, 5, 18, 30)),
                event(
                    "Call with the New York branch",
                    start=datetime(2026, 12, 6, 13, 0, tzinfo=ZoneInfo("America/New_York")),
                    timezone="America/New_York",
                ),
            ],
        )
    with LiveServer(live_app) as events_site:
        snippet = f'<script src="{events_site.url}/static/embed.js"></script>'
        with LiveServer(host_site(snippet)) as host:
            context = browser.new_context(locale="en-GB", timezone_id="Asia/Tokyo")
            page = context.new_page()
            page.goto(host.url)
            page.wait_for_selector(".events-widget li")
            times = page.locator(".events-widget li time").all_inner_texts()
            context.close()

    assert times == ["Sat 5 Dec, 18:30 GMT", "Sun 6 Dec, 13:00 GMT-5"]


def readme_host_snippet(events_origin: str) -> str:
    """The README's iframe-sizing snippet, as a host would paste it with our address in it."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    blocks = re.findall(r"```html\n(.*?)```", readme, re.DOTALL)
    snippet = next(block for block in blocks if "events-app:height" in block)
    return snippet.replace("https://events.example.org", events_origin)


def test_iframe_takes_the_height_of_its_content(browser, live_app, listed, artifacts, axe_source):
    with LiveServer(live_app) as events_site:
        frames = (
            f'<iframe title="Events" style="border: 0; width: 100%" height="600" '
            f'src="{events_site.url}/embed?limit=3"></iframe>{readme_host_snippet(events_site.url)}'
        )
        with LiveServer(host_site(frames)) as host:
            sizes = {}
            for size_name, size in SIZES.items():
                page = browser.new_page(viewport=size)
                page.goto(host.url)
                embed = page.frame_locator("iframe").locator("li a").first
                embed.wait_for()
                page.wait_for_function("document.querySelector('iframe').style.height !== ''")
                frame = next(f for f in page.frames if "/embed" in f.url)
                sizes[size_name] = {
                    "iframe": page.locator("iframe").evaluate(
                        "f => Math.round(f.getBoundingClientRect().height)"
                    ),
                    "content": frame.evaluate(
                        "Math.ceil(document.body.getBoundingClientRect().height)"
                    ),
                    "scrolls": frame.evaluate(
                        "document.documentElement.scrollHeight > innerHeight"
                    ),
                }
                page.screenshot(
                    path=str(artifacts / f"embed-iframe-sized-{size_name}.png"), full_page=True
                )
                assert violations(page, axe_source) == []
                page.close()

    for measured in sizes.values():
        assert measured["iframe"] == measured["content"]
        assert measured["scrolls"] is False
    assert sizes["desktop"]["iframe"] < 600


def test_iframe_says_when_a_filter_names_nothing(browser, live_app, listed):
    with LiveServer(live_app) as events_site:
        source = f"{events_site.url}/embed?speaker=nobody-here"
        frames = f'<iframe title="Events" src="{source}"></iframe>'
        with LiveServer(host_site(frames)) as host:
            page = browser.new_page()
            page.goto(host.url)
            said = page.frame_locator("iframe").locator("[role=status]").inner_text()

    assert said == "No speaker “nobody-here” is listed here."
