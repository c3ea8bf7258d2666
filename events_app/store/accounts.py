"""Users, signed-in sessions and failed logins. Functions take the Session first; none commits."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..domain import Role, User
from .tables import LoginFailureRow, SessionRow, UserRow


def to_user(row: UserRow) -> User:
    return User(id=row.id, email=row.email, role=Role(row.role), disabled=bool(row.disabled))


def add_user(session: Session, email: str, password_hash: str, role: Role, now: datetime) -> User:
    row = UserRow(email=email, password_hash=password_hash, role=role.value, created_at=now)
    session.add(row)
    session.flush()
    return to_user(row)


def find_user(session: Session, email: str) -> tuple[User, str] | None:
    """The user and their password hash."""
    row = session.scalars(select(UserRow).where(UserRow.email == email)).first()
    return (to_user(row), row.password_hash) if row else None


def add_session(session: Session, token_hash: str, user_id: int, now: datetime) -> None:
    session.add(
        SessionRow(token_hash=token_hash, user_id=user_id, created_at=now, last_seen_at=now)
    )


def get_session(session: Session, token_hash: str) -> tuple[User, datetime, datetime] | None:
    """The session's user, when it began and when it was last used."""
    found = session.execute(
        select(UserRow, SessionRow.created_at, SessionRow.last_seen_at)
        .join(SessionRow, SessionRow.user_id == UserRow.id)
        .where(SessionRow.token_hash == token_hash)
    ).first()
    if found is None:
        return None
    row, created, seen = found
    return to_user(row), created, seen


def touch_session(session: Session, token_hash: str, now: datetime) -> None:
    row = session.get(SessionRow, token_hash)
    if row is not None:
        row.last_seen_at = now


def delete_session(session: Session, token_hash: str) -> None:
    session.execute(delete(SessionRow).where(SessionRow.token_hash == token_hash))


def record_failure(session: Session, key: str, now: datetime) -> None:
    session.add(LoginFailureRow(key=key, at=now))


def recent_failures(session: Session, key: str, since: datetime) -> tuple[int, datetime | None]:
    """How many failures under `key` since `since`, and when the last of them was."""
    count, last = session.execute(
        select(func.count(), func.max(LoginFailureRow.at)).where(
            LoginFailureRow.key == key, LoginFailureRow.at >= since
        )
    ).one()
    if last is not None and last.tzinfo is None:  # SQLite hands back naive UTC
        last = last.replace(tzinfo=UTC)
    return count or 0, last


def clear_failures(session: Session, key: str) -> None:
    session.execute(delete(LoginFailureRow).where(LoginFailureRow.key == key))


def list_users(session: Session) -> list[User]:
    return [to_user(row) for row in session.scalars(select(UserRow).order_by(UserRow.email))]


def lock_admin_ids(session: Session) -> list[int]:
    """The ids of the admins who can sign in, their rows locked until the transaction ends
    (FOR UPDATE; on SQLite the write lock begin_write took does the same): a concurrent change
    of roles waits, then sees the roles as this transaction leaves them."""
    query = (
        select(UserRow.id)
        .where(UserRow.role == Role.ADMIN.value, UserRow.disabled.is_(False))
        .order_by(UserRow.id)
    )
    return list(session.scalars(query.with_for_update()))


def set_role(session: Session, user_id: int, role: Role) -> bool:
    row = session.get(UserRow, user_id)
    if row is None:
        return False
    row.role = role.value
    return True


def password_hash_of(session: Session, user_id: int) -> str | None:
    row = session.get(UserRow, user_id)
    return row.password_hash if row else None


def set_password_hash(session: Session, user_id: int, password_hash: str) -> None:
    row = session.get(UserRow, user_id)
    if row is not None:
        row.password_hash = password_hash


def set_disabled(session: Session, user_id: int, disabled: bool) -> bool:
    row = session.get(UserRow, user_id)
    if row is None:
        return False
    row.disabled = disabled
    return True


def delete_sessions_of(session: Session, user_id: int, keep: str | None = None) -> int:
    """End the user's sessions (all but the one whose hash is `keep`); how many ended."""
    query = delete(SessionRow).where(SessionRow.user_id == user_id)
    if keep is not None:
        query = query.where(SessionRow.token_hash != keep)
    return session.execute(query).rowcount or 0
