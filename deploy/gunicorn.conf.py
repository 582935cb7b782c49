"""gunicorn settings for the principles library.

Run from the project folder:
    gunicorn -c deploy/gunicorn.conf.py site_core.wsgi
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
# Visitors' privacy: no client IP or user agent in the access log.
access_log_format = '%(t)s "%(r)s" %(s)s %(b)s %(M)sms'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
proxy_allow_ips = forwarded_allow_ips
# No runtime control socket: nothing on the host should reconfigure the server.
control_socket_disable = True
