"""Configuration: defaults, then environment variables, then what the caller passes."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from .domain import known_zone
from .paths import instance_dir

ENVIRONMENT_KEYS = (
    "DATABASE_URL",
    "SECRET_KEY",
    "BASE_URL",
    "DEFAULT_TIMEZONE",
    "SITE_NAME",
    "FEED_PAST_DAYS",
    "ALLOWED_HOSTS",
    "FETCH_ALLOWED_HOSTS",
    "TRUSTED_PROXIES",
    "LOG_LEVEL",
    "LOG_FORMAT",
    "IMPORT_BUDGET_SECONDS",
    "IMPORT_MAX_BYTES",
    "IMPORT_TIMEOUT",
    "IMPORT_MAX_EVENTS",
)
NUMBERS = {
    "IMPORT_BUDGET_SECONDS": (float, 0, 600, "a number of seconds"),
    "IMPORT_TIMEOUT": (float, 0, 120, "a number of seconds"),
    "IMPORT_MAX_BYTES": (int, 0, 100 * 1024 * 1024, "a whole number of bytes"),
    "IMPORT_MAX_EVENTS": (int, 0, 100_000, "a whole number of events"),
}
"""Numeric settings: how each is read, and the open lower and closed upper bound it must lie
within (a limit of 0 would refuse everything, one without bound would be no limit)."""


DEVELOPMENT_SECRET = "dev-only-not-secret"
"""Signs sessions in tests and under FLASK_DEBUG only: it is public, so anyone could forge a
cookie signed with it."""
MIN_SECRET_LENGTH = 32


class ConfigError(ValueError):
    """A setting that the service cannot run with; the message says which and why."""


def session_secret(config: Mapping[str, Any]) -> str:
    """The key that signs session cookies. Outside tests and debug mode there is no default:
    a service that started with a public key would accept cookies anyone can sign."""
    key = str(config.get("SECRET_KEY") or "")
    if config.get("TESTING") or config.get("DEBUG"):
        return key or DEVELOPMENT_SECRET
    if key == DEVELOPMENT_SECRET or len(key) < MIN_SECRET_LENGTH:
        raise ConfigError(
            f"SECRET_KEY must be set to a random value of at least {MIN_SECRET_LENGTH} "
            "characters, such as the output of "
            "python3 -c 'import secrets; print(secrets.token_hex(32))'"
        )
    return key


def uid_domain(base_url: str) -> str:
    """The host that new UIDs are made in (RFC 5545's "id@host"): the site's own, from
    BASE_URL, so two sites never hand out the same UID."""
    return urlsplit(base_url).hostname or "localhost"


def default_config() -> dict[str, Any]:
    return {
        "DATABASE_URL": f"sqlite:///{instance_dir() / 'events.db'}",
        "SECRET_KEY": "",
        "BASE_URL": "http://127.0.0.1:5000",
        "DEFAULT_TIMEZONE": "Europe/London",
        "SITE_NAME": "Events",
        "FEED_PAST_DAYS": None,
        "MAX_CONTENT_LENGTH": 1024 * 1024,
        "MAX_FORM_MEMORY_SIZE": 1024 * 1024,
        "ALLOWED_HOSTS": "",
        "FETCH_ALLOWED_HOSTS": "",
        "TRUSTED_PROXIES": 0,
        "LOG_LEVEL": "INFO",
        "LOG_FORMAT": "json",
        "IMPORT_MAX_BYTES": 5 * 1024 * 1024,
        "IMPORT_TIMEOUT": 10.0,
        "IMPORT_MAX_EVENTS": 1000,
        "IMPORT_BUDGET_SECONDS": 10.0,
    }


def load_config(overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    config = default_config()
    for key in ENVIRONMENT_KEYS:
        if os.environ.get(key):
            config[key] = os.environ[key]
    config.update(overrides or {})
    return validate(config)


def _number(key: str, value: Any, kind: type, low: float, high: float, what: str) -> Any:
    try:
        number = kind(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{key} must be {what}") from exc
    if not low < number <= high:
        raise ConfigError(f"{key} must be more than {low} and at most {high:,}")
    return number


def validate(config: dict[str, Any]) -> dict[str, Any]:
    if not known_zone(str(config["DEFAULT_TIMEZONE"])):
        raise ConfigError(f"DEFAULT_TIMEZONE: unknown time zone {config['DEFAULT_TIMEZONE']!r}")
    base = urlsplit(str(config["BASE_URL"]))
    if base.scheme not in ("http", "https") or not base.netloc:
        raise ConfigError("BASE_URL must be an absolute http:// or https:// URL")
    config["BASE_URL"] = str(config["BASE_URL"]).rstrip("/")
    try:
        config["TRUSTED_PROXIES"] = int(config.get("TRUSTED_PROXIES") or 0)
    except (TypeError, ValueError) as exc:
        raise ConfigError(
            "TRUSTED_PROXIES must be the number of proxies in front, 0 or more"
        ) from exc
    if not 0 <= config["TRUSTED_PROXIES"] <= 5:
        raise ConfigError("TRUSTED_PROXIES must be between 0 and 5")
    if str(config["LOG_FORMAT"]) not in ("json", "text"):
        raise ConfigError("LOG_FORMAT must be json or text")
    if str(config["LOG_LEVEL"]).upper() not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise ConfigError("LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR")
    for key, (kind, low, high, what) in NUMBERS.items():
        config[key] = _number(key, config[key], kind, low, high, what)
    past_days = config.get("FEED_PAST_DAYS")
    if past_days not in (None, ""):
        try:
            config["FEED_PAST_DAYS"] = int(past_days)
        except (TypeError, ValueError) as exc:
            raise ConfigError("FEED_PAST_DAYS must be a whole number of days") from exc
        if config["FEED_PAST_DAYS"] < 0:
            raise ConfigError("FEED_PAST_DAYS must not be negative")
    else:
        config["FEED_PAST_DAYS"] = None
    return config
