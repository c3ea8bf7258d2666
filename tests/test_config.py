"""Settings from the environment: the import limits can be set there like every other, and a
value the service cannot run with stops it with a message naming the setting."""

from __future__ import annotations

import pytest

from events_app.config import ConfigError, load_config

LIMITS = {
    "IMPORT_MAX_BYTES": "2097152",
    "IMPORT_TIMEOUT": "2.5",
    "IMPORT_MAX_EVENTS": "40",
    "IMPORT_BUDGET_SECONDS": "30",
}


def test_the_import_limits_are_read_from_the_environment(monkeypatch):
    for key, value in LIMITS.items():
        monkeypatch.setenv(key, value)

    config = load_config()

    assert {key: config[key] for key in LIMITS} == {
        "IMPORT_MAX_BYTES": 2 * 1024 * 1024,
        "IMPORT_TIMEOUT": 2.5,
        "IMPORT_MAX_EVENTS": 40,
        "IMPORT_BUDGET_SECONDS": 30.0,
    }


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("IMPORT_MAX_BYTES", "lots", "IMPORT_MAX_BYTES must be a whole number of bytes"),
        ("IMPORT_MAX_EVENTS", "0", "IMPORT_MAX_EVENTS must be more than 0 and at most 100,000"),
        ("IMPORT_TIMEOUT", "-1", "IMPORT_TIMEOUT must be more than 0 and at most 120"),
        (
            "IMPORT_BUDGET_SECONDS",
            "601",
            "IMPORT_BUDGET_SECONDS must be more than 0 and at most 600",
        ),
    ],
)
def test_an_import_limit_that_cannot_be_used_is_refused_by_name(monkeypatch, key, value, message):
    monkeypatch.setenv(key, value)

    with pytest.raises(ConfigError) as refused:
        load_config()

    assert str(refused.value) == message
