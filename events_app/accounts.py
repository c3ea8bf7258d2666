"""Accounts: creating users, signing in and out, and the limits on guessing passwords.

The browser holds a random token; the database holds only its SHA-256, so a stolen database
does not give working cookies, and deleting the row ends the session everywhere.
"""

from __future__ import annotations

import functools
import hashlib
import re
import secrets
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .domain import Role, User
from .passwords import hash_password, verify_password
from .store import accounts as store
from .store.db import transaction

IDLE_TIMEOUT = timedelta(hours=2)
ABSOLUTE_TIMEOUT = timedelta(hours=12)
FAILURE_WINDOW = timedelta(hours=1)
FREE_ATTEMPTS = 5
FIRST_DELAY = timedelta(seconds=1)
LONGEST_DELAY = timedelta(minutes=15)
EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,255}\.[^@\s]{2,}$")


class AccountError(ValueError):
    """A request about an account that cannot be met; the message is safe to show."""


class TooManyAttemptsError(AccountError):
    """Too many failed logins for this account from this address: the next try must wait."""

    def __init__(self, wait: timedelta) -> None:
        self.seconds = max(1, int(wait.total_seconds() + 0.999))
        super().__init__(f"Too many attempts. Please wait {self.seconds} seconds and try again.")


def normalise_email(email: str) -> str:
    return email.strip().lower()


def create_user(session: Session, email: str, password: str, role: Role, now: datetime) -> User:
    email = normalise_email(email)
    if not EMAIL.match(email):
        raise AccountError("That is not an e-mail address")
    password_hash = hash_password(password)
    try:
        with transaction(session):
            user = store.add_user(session, email, password_hash, role, now)
    except IntegrityError as exc:
        raise AccountError(f"There is already an account for {email}") from exc
    return user


def retry_delay(failures: int) -> timedelta:
    """How long after the last failure the next try is heard: nothing for the first few, then
    1 s, 2 s, 4 s ... doubling up to 15 minutes."""
    if failures < FREE_ATTEMPTS:
        return timedelta(0)
    return min(FIRST_DELAY * 2 ** min(failures - FREE_ATTEMPTS, 20), LONGEST_DELAY)


def log_in(
    session: Session,
    email: str,
    password: str,
    address: str,
    now: datetime,
    known_device: str | None = None,
) -> str:
    """A new session token for the right password; the same error for every wrong answer.

    Guessing is slowed per (account, address) pair, by delays that grow with each failure;
    nothing is locked. Someone guessing from one address slows only themselves: the owner
    signing in from their own address, and everyone else behind a shared one, are not held up.
    A browser this account signed in from before (`known_device`, the id the web layer keeps in
    a signed cookie) counts failures in a bucket of its own, so the owner is not held up even
    behind the guesser's own address. A try made before its delay is over is answered 429
    without checking the password, so a guesser gains nothing by sending faster."""
    email = normalise_email(email)
    pair_key = f"device:{email}|{known_device}" if known_device else f"pair:{email}|{address}"
    with transaction(session):
        failures, last = store.recent_failures(session, pair_key, now - FAILURE_WINDOW)
        wait = (last + retry_delay(failures) - now) if last else timedelta(0)
        if wait > timedelta(0):
            raise TooManyAttemptsError(wait)
        found = store.find_user(session, email)
        password_hash = found[1] if found else _dummy_hash()
        if not verify_password(password, password_hash) or found is None or found[0].disabled:
            store.record_failure(session, pair_key, now)  # kept: the block commits it
            token = None
        else:
            store.clear_failures(session, pair_key)
            token = secrets.token_urlsafe(32)
            store.add_session(session, token_digest(token), found[0].id, now)
    if token is None:
        raise AccountError("That e-mail address and password do not match an account.")
    return token


@functools.cache
def _dummy_hash() -> str:
    """Checked against for unknown addresses, so that they take as long as known ones."""
    return hash_password(secrets.token_urlsafe(16))


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def user_for_token(session: Session, token: str, now: datetime) -> User | None:
    """The signed-in user, or None when the session is unknown, idle too long or too old."""
    digest = token_digest(token)
    found = store.get_session(session, digest)
    session.commit()
    if found is None:
        return None
    user, created, seen = found
    expired = user.disabled or now - seen > IDLE_TIMEOUT or now - created > ABSOLUTE_TIMEOUT
    if expired or now - seen > timedelta(minutes=1):
        with transaction(session):
            if expired:
                store.delete_session(session, digest)
            else:
                store.touch_session(session, digest, now)
    return None if expired else user


def log_out(session: Session, token: str) -> None:
    with transaction(session):
        store.delete_session(session, token_digest(token))


def change_role(session: Session, user_id: int, role: Role) -> None:
    """Make a user an admin or an organiser; the last admin stays one, so someone always can.

    The admins are counted under a lock on their rows in the same transaction as the change,
    so two admins demoting each other at the same moment cannot both pass the count."""
    with transaction(session):
        admins = store.lock_admin_ids(session)
        if role != Role.ADMIN and admins == [user_id]:
            raise AccountError("The last admin cannot stop being one")
        if not store.set_role(session, user_id, role):
            raise AccountError("There is no such account")


def change_password(session: Session, user_id: int, current: str, new: str, keep_token: str) -> int:
    """Set a new password, given the current one; every other session of the user ends (a
    password is changed because someone else may know it). How many sessions ended."""
    stored = store.password_hash_of(session, user_id)
    session.rollback()
    if stored is None or not verify_password(current, stored):
        raise AccountError("The current password is not right")
    new_hash = hash_password(new)
    with transaction(session):
        store.set_password_hash(session, user_id, new_hash)
        return store.delete_sessions_of(session, user_id, keep=token_digest(keep_token))


def end_other_sessions(session: Session, user_id: int, keep_token: str) -> int:
    """Sign the user out everywhere but this browser; how many sessions ended."""
    with transaction(session):
        return store.delete_sessions_of(session, user_id, keep=token_digest(keep_token))


def set_disabled(session: Session, acting: User, user_id: int, disabled: bool) -> None:
    """Stop an account signing in (its sessions end in the same transaction), or let it again.
    An admin cannot disable themselves, nor the last admin who can sign in."""
    if disabled and user_id == acting.id:
        raise AccountError("You cannot disable your own account")
    with transaction(session):
        admins = store.lock_admin_ids(session)
        if disabled and admins == [user_id]:
            raise AccountError("The last admin cannot be disabled")
        if not store.set_disabled(session, user_id, disabled):
            raise AccountError("There is no such account")
        if disabled:
            store.delete_sessions_of(session, user_id)
