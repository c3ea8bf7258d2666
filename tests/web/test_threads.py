"""One app served by many threads at once, as gunicorn's gthread workers serve it: sessions, the
data-version probe and the byte-bounded caches must hold under contention."""

import re
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from events_app import create_app
from events_app.domain import Role
from events_app.store import accounts as account_store
from tests.builders import event
from tests.conftest import BASE_URL, NOW
from tests.web.organiser_helpers import sign_in

THREADS = 16
ROUNDS = 15
PATHS = ["/events.ics", "/events.json", "/feed.json", "/api/v1/events", "/"]


def test_many_threads_get_the_same_answers_and_their_own_sessions(
    database_url, store_events, app_session, password_hash
):
    store_events(*[event(f"Rally {n}", start=NOW + timedelta(days=n)) for n in range(1, 30)])
    emails = [f"org{n}@example.org" for n in range(THREADS)]
    for n, email in enumerate(emails):
        user = account_store.add_user(app_session, email, password_hash, Role.ORGANISER, NOW)
        app_session.commit()
        store_events(event(f"Own-{n}-event", start=NOW + timedelta(days=40), owner_id=user.id))
    # A budget that holds a few answers, so that threads evict each other's all the time.
    app = create_app(
        {
            "DATABASE_URL": database_url,
            "BASE_URL": BASE_URL,
            "CLOCK": lambda: NOW,
            "RESPONSE_CACHE_BYTES": 60_000,
            "PIECE_CACHE_BYTES": 20_000,
        }
    )
    single = app.test_client()
    expected = {path: single.get(path).data for path in PATHS}

    def visitor(n: int) -> tuple[list[bool], str]:
        anonymous, member = app.test_client(), app.test_client()
        same = []
        for round_ in range(ROUNDS):
            for path in PATHS:
                same.append(anonymous.get(path).data == expected[path])
            same.append(anonymous.get(f"/events.json?q=Rally {round_ % 7}").status_code == 200)
        assert sign_in(member, email=emails[n]).status_code == 302
        return same, member.get("/organiser/").get_data(as_text=True)

    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(visitor, range(THREADS)))

    assert [all(same) for same, _ in results] == [True] * THREADS
    assert [set(re.findall(r"Own-(\d+)-event", page)) for _, page in results] == [
        {str(n)} for n in range(THREADS)
    ]
    caches = [
        app.extensions["events_fastpath"].entries,
        app.extensions["events_response_cache"].answers,
        app.extensions["events_piece_cache"],
    ]
    assert [c.size_bytes <= c.max_bytes for c in caches] == [True] * 3
    app.extensions["events_db"].close()
