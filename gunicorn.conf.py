"""gunicorn settings: `gunicorn wsgi:app` reads this file from the working directory.

One process per core does the CPU work (Python runs one thread at a time in a process); the
threads in each wait on sockets and the database, and keep connections alive, so a feed
answered from the cache costs no new connection. A slow client holds a thread, not a process,
and only until its deadline (events_app.worker): 50 slow clients leave threads free for
everyone else. See the README's production section.
"""

import multiprocessing
import os

bind = os.environ.get(
    "BIND", f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
)
cores = multiprocessing.cpu_count()
workers = int(os.environ.get("WEB_CONCURRENCY", cores))
worker_class = "events_app.worker.DeadlineThreadWorker"
threads = int(os.environ.get("THREADS", max(64, 16 * cores)))
worker_connections = 1000
timeout = 30
graceful_timeout = 30
keepalive = 5
accesslog = "-"
errorlog = "-"
# One JSON object a line, with the request id the application also logs and returns.
logger_class = "events_app.access_log.JsonAccessLogger"
