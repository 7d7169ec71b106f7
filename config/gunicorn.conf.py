"""gunicorn's settings for Roder: `gunicorn -c config/gunicorn.conf.py` (make serve, the
Containerfile). Each comes from the environment; the defaults suit a machine with two cores.

Threaded workers (gthread): Roder's pages wait mostly on the database, so a few processes with
several threads each serve many clients in little memory. Documents are never built in a
request (the task worker does), so the timeout only guards against a stuck request.
"""

import os

wsgi_app = "config.wsgi:application"
bind = os.environ.get("RODER_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("RODER_THREADS", "4"))
timeout = int(os.environ.get("RODER_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Each worker is replaced now and then, so that memory a long-lived process gathers is given back.
max_requests = 2000
max_requests_jitter = 200
# Behind a reverse proxy: the addresses whose X-Forwarded-* headers gunicorn believes (the same
# list as Roder's rate limits use, RODER_TRUSTED_PROXIES).
forwarded_allow_ips = os.environ.get("RODER_TRUSTED_PROXIES", "127.0.0.1") or "127.0.0.1"
# Both logs to stdout; the access log as one JSON object per line, like Roder's own logs.
accesslog = "-"
errorlog = "-"
access_log_format = (
    '{"time": "%(t)s", "logger": "gunicorn.access", "remote": "%(h)s", "method": "%(m)s", '
    '"path": "%(U)s", "status": %(s)s, "bytes": "%(B)s", "duration_ms": %(M)s}'
)
