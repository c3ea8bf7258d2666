"""The OpenAPI 3.1 description of the JSON API, built for the site's own address."""

from __future__ import annotations

from typing import Any

_STRING = {"type": "string"}
_NULLABLE_STRING = {"type": ["string", "null"]}


def _filter(name: str, description: str, **schema: Any) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema or {"type": "string", "maxLength": 200},
    }


PARAMETERS = [
    _filter(
        "when", "upcoming (default), past or all", type="string", enum=["upcoming", "past", "all"]
    ),
    _filter("venue", "venue slug"),
    _filter("speaker", "speaker slug"),
    _filter("tag", "tag"),
    _filter("series", "slug of a festival or series: it and its sessions"),
    _filter("q", "words, all of which must occur in the title, description, venue or speaker"),
    _filter("from", "first day, YYYY-MM-DD, in the site's time zone", type="string", format="date"),
    _filter("to", "last day, YYYY-MM-DD, in the site's time zone", type="string", format="date"),
    _filter("limit", "events per page", type="integer", minimum=1, maximum=200, default=50),
    _filter("page", "page number", type="integer", minimum=1, maximum=100000, default=1),
]

EVENT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["id", "slug", "url", "title", "start", "end", "timezone", "all_day", "status"],
    "properties": {
        "id": {**_STRING, "description": "permanent UID, as in the iCalendar feed"},
        "slug": _STRING,
        "url": {"type": "string", "format": "uri"},
        "ics_url": {"type": "string", "format": "uri"},
        "title": _STRING,
        "description": _STRING,
        "start": {
            **_STRING,
            "description": "ISO 8601 with the offset of `timezone`; a date if all_day or time_tba",
        },
        "end": {**_NULLABLE_STRING, "description": "as start; null when not announced"},
        "timezone": {**_STRING, "description": "IANA zone name"},
        "all_day": {"type": "boolean"},
        "time_tba": {
            "type": "boolean",
            "description": "the day is known, its time not yet (start and end are dates)",
        },
        "status": {"type": "string", "enum": ["confirmed", "tentative", "cancelled"]},
        "online": {"type": "boolean"},
        "attendance": {"type": "string", "enum": ["in_person", "online", "hybrid"]},
        "recurrence": _NULLABLE_STRING,
        "venues": {"type": "array", "items": {"type": "object"}},
        "speakers": {"type": "array", "items": {"type": "object"}},
        "organiser": _NULLABLE_STRING,
        "links": {"type": "array", "items": {"type": "object"}},
        "tags": {"type": "array", "items": _STRING},
        "parent": {"type": ["object", "null"]},
        "sequence": {"type": "integer"},
        "updated": _NULLABLE_STRING,
    },
}
ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "error": {
            "type": "object",
            "properties": {"status": {"type": "integer"}, "title": _STRING, "message": _STRING},
        }
    },
}


def openapi_document(base_url: str, site_name: str) -> dict[str, Any]:
    """The API's OpenAPI 3.1 description. Long as the document is: one literal, checked by
    openapi-spec-validator in the tests, so paths and schemas read in the shape clients see."""
    error = {
        "description": "error",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"{site_name} events API",
            "version": "1",
            "description": "Published events. Times are ISO 8601 with their offset, plus "
            "the IANA zone they were announced in.",
        },
        "servers": [{"url": base_url}],
        "paths": {
            "/api/v1/events": {
                "get": {
                    "summary": "List events",
                    "operationId": "listEvents",
                    "parameters": PARAMETERS,
                    "responses": {
                        "200": {
                            "description": "a page of events",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/EventPage"}
                                }
                            },
                        },
                        "400": error,
                        "404": error,
                    },
                }
            },
            "/api/v1/events/{slug}": {
                "get": {
                    "summary": "One event",
                    "operationId": "getEvent",
                    "parameters": [
                        {
                            "name": "slug",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "maxLength": 200},
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "the event",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Event"}
                                }
                            },
                        },
                        "404": error,
                    },
                }
            },
            "/api/v1/parse": {
                "post": {
                    "summary": "Read an announcement into draft events (signed-in organisers)",
                    "operationId": "parseAnnouncement",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/ParseRequest"}
                            }
                        },
                    },
                    "responses": {
                        "200": {
                            "description": "the drafts read from the text (or the page); "
                            "nothing is stored",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        },
                        "400": error,
                        "401": error,
                        "413": error,
                        "415": error,
                        "422": error,
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Event": EVENT_SCHEMA,
                "Error": ERROR_SCHEMA,
                "ParseRequest": {
                    "type": "object",
                    "anyOf": [{"required": ["text"]}, {"required": ["url"]}],
                    "properties": {
                        "text": {**_STRING, "description": "the announcement"},
                        "url": {
                            **_STRING,
                            "description": "instead of text: the address of a page, a poster "
                            "or a PDF that announces it, fetched under the import's rules",
                        },
                        "reference_date": {
                            **_STRING,
                            "format": "date",
                            "description": "the day the text was written, YYYY-MM-DD",
                        },
                        "timezone": {
                            **_STRING,
                            "description": "IANA zone where the text names none",
                        },
                    },
                },
                "EventPage": {
                    "type": "object",
                    "required": ["version", "events", "count", "next"],
                    "properties": {
                        "version": _STRING,
                        "events": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Event"},
                        },
                        "count": {"type": "integer"},
                        "next": {"type": ["string", "null"], "format": "uri"},
                        "previous": {"type": ["string", "null"], "format": "uri"},
                    },
                },
            }
        },
    }
