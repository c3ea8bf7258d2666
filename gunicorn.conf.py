"""gunicorn settings: `gunicorn wsgi:app` reads this file from the working directory."""

import multiprocessing
import os

bind = os.environ.get(
    "BIND", f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
)
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
timeout = 30
graceful_timeout = 30
keepalive = 5
accesslog = "-"
errorlog = "-"
# One JSON object a line, with the request id the application also logs and returns.
logger_class = "events_app.access_log.JsonAccessLogger"
