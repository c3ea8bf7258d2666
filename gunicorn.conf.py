"""gunicorn settings: `gunicorn wsgi:app` reads this file from the working directory.

One process per core does the CPU work (Python runs one thread at a time in a process). Each
worker's event loop (events_app.worker) reads requests without blocking, within a deadline,
keeps connections alive, and answers what the application has stored (feeds, the API, visitors'
pages) itself; only a whole request that needs the application reaches a thread. A body larger
than the loop buffers (an upload) is read by its thread, within BODY_TIMEOUT, so a slow client
sending one holds a thread that long: with 4 threads a worker, 50 slow clients (a third of
them dribbling such bodies) left /healthz unanswered for 30 s; with 64 it answered in 3 ms
(p99 7 ms, bench/load_and_faults.py --only-slow-clients). A thread waiting on a socket costs
no CPU, so max(64, 16 x cores) threads cost nothing when idle. See the README's production
section.
"""

import multiprocessing
import os

bind = os.environ.get(
    "BIND", f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
)
cores = multiprocessing.cpu_count()
workers = int(os.environ.get("WEB_CONCURRENCY", cores))
worker_class = "events_app.worker.DeadlineThreadWorker"
threads = int(os.environ.get("THREADS", max(64, 16 * cores)))  # per worker
worker_connections = 1000
timeout = 30
graceful_timeout = 30
keepalive = 5
accesslog = "-"
errorlog = "-"
# One JSON object a line, with the request id the application also logs and returns.
logger_class = "events_app.access_log.JsonAccessLogger"
