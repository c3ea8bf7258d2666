"""The WSGI entry point: `gunicorn wsgi:app`."""

from events_app import create_app

app = create_app()
