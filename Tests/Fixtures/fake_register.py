"""A grid company's facility register for tests: a real HTTP server on 127.0.0.1 speaking the JSON
contract of docs/facility-register.md. Prints its port, then serves until killed.

The meter number picks the behaviour: FOUND (a facility), MISSING (404), BROKEN (500), SLOW (answers
after 8 s), GARBAGE (200 with a body that is not JSON), DROPONCE (first request's connection is closed
without an answer, the second is answered). GET /__count?key=K tells how many lookups K had.
"""
import json
import os
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

TOKEN = "test-token"
COUNTS = Counter()
LOCK = threading.Lock()

FACILITY = {
    "gsrn": "735999000000000013", "technicalNumber": "HBG-77", "meterNumber": "FOUND",
    "streetAddress": "Bruksgatan 5", "postalCode": "25223", "city": "Helsingborg", "gridAreaCode": "HBG",
    "mainFuse": "20", "phases": "3",
    "owner": {"kind": "person", "lastName": "Holm", "firstName": "Greta", "phone": "0701112233"},
    "billing": {"kind": "person", "lastName": "Holm", "firstName": "Greta", "invoiceReference": "K-9"},
}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send_json(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urlparse(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/__count":
            return self.send_json(200, {"count": COUNTS[query.get("key", "")]})
        if url.path != "/installations":
            return self.send_json(404, {"error": "No such endpoint"})
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            return self.send_json(401, {"error": "Invalid token"})
        key = query.get("meterNumber") or query.get("gsrn") or ""
        with LOCK:
            COUNTS[key] += 1
            seen = COUNTS[key]
        if key in ("FOUND", FACILITY["gsrn"]):
            return self.send_json(200, FACILITY)
        if key == "MISSING":
            return self.send_json(404, {"error": "Installation not found"})
        if key == "BROKEN":
            return self.send_json(500, {"error": "Internal error"})
        if key == "SLOW":
            time.sleep(8)
            return self.send_json(200, FACILITY)
        if key == "GARBAGE":
            data = b"<html>not json</html>"
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            return self.wfile.write(data)
        if key == "DROPONCE":
            if seen == 1:
                self.close_connection = True
                self.connection.shutdown(2)
                return
            return self.send_json(200, dict(FACILITY, meterNumber="DROPONCE"))
        return self.send_json(404, {"error": "Installation not found"})


def exit_when_stdin_closes():
    """The test holds our stdin open; when it closes it (or dies), we go too."""
    sys.stdin.buffer.read()
    os._exit(0)


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    print(server.server_address[1], flush=True)
    server.serve_forever()
