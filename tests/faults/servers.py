"""gunicorn, started for real on a free port, as production runs it."""

from __future__ import annotations

import contextlib
import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    def __init__(self, database_url: str, workers: int = 2, base_url: str = "") -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "BASE_URL": base_url or self.url,
            "WEB_CONCURRENCY": str(workers),
            "BIND": f"127.0.0.1:{self.port}",
            "SECRET_KEY": "test-secret-for-fault-tests-0123456789",
        }
        self.process = subprocess.Popen(
            [str(GUNICORN), "wsgi:app"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        self._wait_ready()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/readyz", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        self.kill()
        raise RuntimeError("gunicorn did not become ready within 30 s")

    def kill(self) -> None:
        """kill -9 the master and every worker, as a power cut or the OOM killer would."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            self.kill()


class Organiser:
    """A signed-in browser session over real HTTP."""

    def __init__(self, base: str, email: str, password: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )
        self.token = self._token("/login")
        self.post("/login", {"email": email, "password": password})
        self.token = self._token("/organiser/new")

    def _token(self, path: str) -> str:
        with self.opener.open(f"{self.base}{path}", timeout=10) as response:
            page = response.read().decode()
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def post(self, path: str, fields: dict[str, str]) -> int:
        data = urllib.parse.urlencode({**fields, "csrf_token": self.token}).encode()
        try:
            with self.opener.open(f"{self.base}{path}", data=data, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def publish(self, title: str) -> int:
        return self.post(
            "/organiser/publish",
            {
                "e0-title": title,
                "e0-start_date": "2027-03-12",
                "e0-start_time": "19:00",
                "e0-timezone": "Europe/London",
                "e0-venues": "Conway Hall; 25 Red Lion Square",
                "e0-include": "on",
                "count": "1",
                "action": "publish",
                "text": "",
            },
        )


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
