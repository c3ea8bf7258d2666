"""The WSGI entry point: `gunicorn wsgi:app`."""

import sys

from events_app import create_app
from events_app.config import ConfigError

try:
    app = create_app()
except ConfigError as exc:
    # One line, and exit status 4, which gunicorn reads as "the application cannot be loaded":
    # it stops instead of starting worker after worker.
    print(f"events-app: {exc}", file=sys.stderr)
    sys.exit(4)
