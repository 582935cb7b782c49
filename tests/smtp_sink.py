"""A real mail server on loopback for the tests, and ports where no mail server answers.

``SmtpSink`` speaks enough SMTP for ``smtplib`` (and so Django's SMTP backend):
EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT. Each message it accepts is kept,
parsed, in ``messages``. ``refusing_port`` is a port where connections are refused
(a mail server that is down); ``silent_port`` accepts connections and never says a
word (a mail server that hangs), so the client's timeout is what ends the wait.
"""

import contextlib
import email
import email.policy
import socket
import socketserver
import threading
from dataclasses import dataclass


@dataclass
class Received:
    sender: str
    recipients: list
    message: email.message.EmailMessage


class _Session(socketserver.StreamRequestHandler):
    timeout = 10  # a stuck client must not keep a server thread forever

    def reply(self, line):
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self):
        self.reply("220 sink.test ESMTP ready")
        sender, recipients = None, []
        while line := self.rfile.readline():
            command = line.decode("utf-8", "replace").rstrip("\r\n")
            verb = command[:4].upper()
            if verb == "EHLO":
                self.wfile.write(b"250-sink.test\r\n250 8BITMIME\r\n")
            elif verb == "HELO":
                self.reply("250 sink.test")
            elif verb == "MAIL":
                sender, recipients = command.partition(":")[2].strip(" <>"), []
                self.reply("250 OK")
            elif verb == "RCPT":
                recipients.append(command.partition(":")[2].strip(" <>"))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                self.server.sink.keep(sender, recipients, self.read_data())
                self.reply("250 OK: queued")
            elif verb in ("RSET", "NOOP"):
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")

    def read_data(self):
        lines = []
        while (line := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
            lines.append(line[1:] if line.startswith(b"..") else line)  # undo dot-stuffing
        return b"".join(lines)


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class SmtpSink:
    """An SMTP server on 127.0.0.1 that keeps what it receives. Use it as a context manager."""

    host = "127.0.0.1"

    def __init__(self, port=0):
        self.messages = []
        self._lock = threading.Lock()
        self._server = _Server((self.host, port), _Session)
        self._server.sink = self
        self.port = self._server.server_address[1]
        # A short poll, so leaving the `with` block does not wait half a second.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

    def keep(self, sender, recipients, data):
        message = email.message_from_bytes(data, policy=email.policy.default)
        with self._lock:
            self.messages.append(Received(sender, list(recipients), message))


@contextlib.contextmanager
def refusing_port():
    """A loopback port that refuses connections: bound, so no one else takes it, not listening."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


@contextlib.contextmanager
def silent_port():
    """A loopback port that takes connections (the kernel completes them) but never answers."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        yield sock.getsockname()[1]
