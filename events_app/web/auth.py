"""Signing in and out, the signed-in user, and CSRF tokens on every form."""

from __future__ import annotations

import functools
import hmac
import re
import secrets
from collections.abc import Callable
from typing import Any
from urllib.parse import quote, urlsplit

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext, ngettext
from itsdangerous import BadSignature, URLSafeSerializer

from .. import accounts
from ..domain import User
from ..passwords import WeakPasswordError
from .context import db_session, now

bp = Blueprint("auth", __name__)

CSRF_FIELD = "csrf_token"
KNOWN_DEVICE_COOKIE = "known_device"
KNOWN_DEVICE_AGE = 365 * 24 * 3600  # a year: a browser stays known while it is used
UNSAFE_IN_TARGET = re.compile(r"[\x00-\x20\x7f-\x9f\\\u2028\u2029]")


def csrf_token() -> str:
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def check_csrf() -> None:
    """Every form POST carries the form's token (or the X-CSRF-Token header) matching the
    session's. The JSON API takes only `application/json`, which needs no token (see api.parse)."""
    if request.method != "POST" or request.path.startswith("/api/"):
        return
    sent = request.form.get(CSRF_FIELD) or request.headers.get("X-CSRF-Token", "")
    expected = session.get("csrf", "")
    if not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        abort(
            400,
            description="This form has expired or did not come from this site. "
            "Go back, reload the page and try again.",
        )


def current_user() -> User | None:
    if "user" not in g:
        token = session.get("token")
        g.user = accounts.user_for_token(db_session(), token, now()) if token else None
    return g.user


def login_required(view: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if current_user() is None:
            return redirect(url_for("auth.login", next=request.path))
        return view(*args, **kwargs)

    return wrapped


@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template("login.html", email="")
    email = request.form.get("email", "")[:320]
    password = request.form.get("password", "")[:1024]
    target = local_target(request.args.get("next", "")) or url_for("organiser.dashboard")
    device = _known_device(email)
    try:
        token = accounts.log_in(
            db_session(), email, password, request.remote_addr or "", now(), known_device=device
        )
    except accounts.TooManyAttemptsError as exc:
        page = render_template("login.html", email=email, error=str(exc))
        return page, 429, {"Retry-After": str(exc.seconds)}
    except accounts.AccountError as exc:
        return render_template("login.html", email=email, error=str(exc)), 401
    session.clear()
    session["token"] = token
    session.permanent = True
    response = redirect(target)
    response.set_cookie(
        KNOWN_DEVICE_COOKIE,
        _device_signer().dumps(
            {"email": accounts.normalise_email(email), "id": device or secrets.token_urlsafe(16)}
        ),
        max_age=KNOWN_DEVICE_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure,
    )
    return response


def _device_signer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt="known-device")


def _known_device(email: str) -> str | None:
    """The id of this browser if this account signed in from it before: the cookie is signed
    with the app's secret, so a guesser cannot make one, and it names the account it is for."""
    try:
        found = _device_signer().loads(request.cookies.get(KNOWN_DEVICE_COOKIE, ""))
    except BadSignature:
        return None
    if not isinstance(found, dict) or found.get("email") != accounts.normalise_email(email):
        return None
    device = found.get("id")
    return device if isinstance(device, str) and 0 < len(device) <= 64 else None


def local_target(target: str) -> str | None:
    """`target` as a path on this site, or None when it is anything else.

    Browsers drop tabs and newlines inside a URL and read a backslash as a slash, so
    `/\t/host` and `/\\host` would leave the site as `//host`: refuse every control
    character, whitespace and backslash first, then accept only a path that starts with one
    slash, with no scheme and no host, and send it %-encoded."""
    if not target or len(target) > 2000 or UNSAFE_IN_TARGET.search(target):
        return None
    encoded = quote(target, safe="/?&=%:@!$'()*+,;~-._#")
    parts = urlsplit(encoded)
    if parts.scheme or parts.netloc or not encoded.startswith("/") or encoded.startswith("//"):
        return None
    return encoded


@bp.post("/logout")
def logout():
    token = session.get("token")
    if token:
        accounts.log_out(db_session(), token)
    session.clear()
    flash(gettext("You are signed out."))
    return redirect(url_for("pages.index"))


@bp.get("/organiser/account")
@login_required
def account():
    return render_template("organiser/account.html")


@bp.post("/organiser/account/password")
@login_required
def change_password():
    user = current_user()
    assert user is not None
    new = request.form.get("new_password", "")[:2048]
    if new != request.form.get("repeat_password", "")[:2048]:
        return render_template(
            "organiser/account.html", error=gettext("The new passwords differ")
        ), 422
    try:
        ended = accounts.change_password(
            db_session(),
            user.id,
            request.form.get("current_password", "")[:2048],
            new,
            session["token"],
        )
    except (accounts.AccountError, WeakPasswordError) as exc:
        return render_template("organiser/account.html", error=str(exc)), 422
    flash(gettext("Password changed. %(sessions)s", sessions=_ended(ended)))
    return redirect(url_for("auth.account"))


@bp.post("/organiser/account/sessions")
@login_required
def end_other_sessions():
    user = current_user()
    assert user is not None
    ended = accounts.end_other_sessions(db_session(), user.id, session["token"])
    flash(_ended(ended))
    return redirect(url_for("auth.account"))


def _ended(count: int) -> str:
    if count == 0:
        return gettext("You were signed in nowhere else.")
    return ngettext(
        "Signed out of %(num)d other session.", "Signed out of %(num)d other sessions.", count
    )
