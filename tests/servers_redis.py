"""A redis-server of the test's own, on a free loopback port, that a test may stop and start.

Stopping the machine's Redis (127.0.0.1:6379) would break every other test and
service that uses it; this one serves only the test that started it. It keeps
nothing on disk, so a restart comes back empty, as a Redis that lost its memory would.
"""

import shutil
import subprocess
import time

import pytest
import redis

from tests.story_site import free_port


class RedisServer:
    def __init__(self, log_path):
        if not shutil.which("redis-server"):
            pytest.skip("needs redis-server (Debian package redis-server; CI has it)")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.log_path = log_path
        self.process = None
        self.start()

    def start(self):
        """Start it (again, on the same port) and wait until it answers PING."""
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
                 "--save", "", "--appendonly", "no", "--daemonize", "no"],
                stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        client = redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=0.5)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"redis-server exited: see {self.log_path}")
            try:
                if client.ping():
                    return
            except redis.ConnectionError:
                time.sleep(0.05)
            finally:
                client.close()
        raise RuntimeError("redis-server did not answer within 10 s")

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
