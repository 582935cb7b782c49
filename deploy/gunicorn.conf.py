"""gunicorn settings for the principles library.

Run from the project folder:
    gunicorn -c deploy/gunicorn.conf.py --no-control-socket site_core.wsgi
In production systemd opens the socket (deploy/systemd/principles.socket) and hands it
over in LISTEN_FDS; gunicorn then serves on it and ignores ``bind``.
Every value can be overridden from the environment, so one file serves the
two-core default machine and larger ones.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so a slow leak cannot grow forever.
max_requests = 2000
max_requests_jitter = 200
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
errorlog = "-"
# Visitors' privacy: no client IP, user agent or query string (the words people search
# for) in the access log. The request id is the one nginx logs and Django echoes.
access_log_format = '%(t)s %({x-request-id}o)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
proxy_allow_ips = forwarded_allow_ips
# No runtime control socket: nothing on the host should reconfigure the server.
control_socket_disable = True
