"""An SMTP server for Gridcase's tests (aiosmtpd), on 127.0.0.1.

Writes each accepted message as one JSON line to the given file. With STALL_RCPT_ONCE set, the first RCPT TO
for that address hangs for a minute (once only), so a test can stop its worker in the middle of a delivery.
With SMTP_AUTH=LOGIN:PASSWORD every message needs AUTH with those credentials (over TLS, as aiosmtpd requires).
Usage: smtp_server.py MESSAGES.jsonl. Prints its port when it listens; stops when stdin closes.
"""
import asyncio
import json
import os
import socket
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Recorder:
    def __init__(self, path, stall_for):
        self.path = path
        self.stall_for = stall_for
        self.stalled = False

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.stall_for and address == self.stall_for and not self.stalled:
            self.stalled = True
            with open(self.path + ".stalled", "w") as marker:
                marker.write(address)
            await asyncio.sleep(60)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        content = envelope.content.decode("utf-8", errors="replace")
        headers = {}
        name = None
        for line in content.split("\r\n\r\n", 1)[0].split("\r\n"):
            if line[:1] in (" ", "\t") and name:
                headers[name] += " " + line.strip()  # a folded header goes on
            elif ":" in line:
                name, value = line.split(":", 1)
                name = name.strip().lower()
                headers[name] = value.strip()
        login = session.auth_data.decode() if isinstance(session.auth_data, bytes) else None
        record = {"from": envelope.mail_from, "to": envelope.rcpt_tos, "message_id": headers.get("message-id", ""),
                  "subject": headers.get("subject", ""), "content": content, "login": login}
        with open(self.path, "a") as out:
            out.write(json.dumps(record) + "\n")
        return "250 Message accepted"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def tls_context():
    """SMTP_TLS_CERT and SMTP_TLS_KEY (PEM) turn on TLS: STARTTLS required, or TLS from the start with SMTP_TLS_IMPLICIT."""
    if not os.environ.get("SMTP_TLS_CERT"):
        return None
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(os.environ["SMTP_TLS_CERT"], os.environ["SMTP_TLS_KEY"])
    return context


def authenticator(credentials):
    """Accepts exactly LOGIN:PASSWORD; the accepted login is recorded with each message."""
    login, password = (part.encode() for part in credentials.split(":", 1))

    def check(server, session, envelope, mechanism, auth_data):
        accepted = isinstance(auth_data, LoginPassword) and auth_data.login == login and auth_data.password == password
        return AuthResult(success=accepted, handled=False, auth_data=login if accepted else None)  # 535 when refused
    return check


def main():
    path = sys.argv[1]
    port = free_port()
    context = tls_context()
    options = {}
    if context and os.environ.get("SMTP_TLS_IMPLICIT"):
        options["ssl_context"] = context
    elif context:
        options.update(tls_context=context, require_starttls=True)
    if os.environ.get("SMTP_AUTH"):
        options.update(authenticator=authenticator(os.environ["SMTP_AUTH"]), auth_required=True)
    controller = Controller(Recorder(path, os.environ.get("STALL_RCPT_ONCE")), hostname="127.0.0.1", port=port, **options)
    controller.start()
    print(port, flush=True)
    try:
        sys.stdin.read()  # runs until the test closes our stdin or ends the process
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
