"""gunicorn settings: `gunicorn wsgi:app` reads this file from the working directory.

One process per core does the CPU work (Python runs one thread at a time in a process). Each
worker's event loop (events_app.worker) reads requests without blocking, within a deadline,
keeps connections alive, and answers what the application has stored (feeds, the API, visitors'
pages) itself; only a whole request that needs the application reaches one of a few threads,
which wait on the database and on each other. A slow client holds no thread: 50 of them leave
/healthz answering within milliseconds. More threads than a handful per core only make them
queue for the GIL. See the README's production section.
"""

import multiprocessing
import os

bind = os.environ.get(
    "BIND", f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
)
cores = multiprocessing.cpu_count()
workers = int(os.environ.get("WEB_CONCURRENCY", cores))
worker_class = "events_app.worker.DeadlineThreadWorker"
threads = int(os.environ.get("THREADS", 4))  # per worker
worker_connections = 1000
timeout = 30
graceful_timeout = 30
keepalive = 5
accesslog = "-"
errorlog = "-"
# One JSON object a line, with the request id the application also logs and returns.
logger_class = "events_app.access_log.JsonAccessLogger"
