"""Says why it cannot work once, then answers 503 to every request, logging each: a server that never gets ready."""
import http.server
import sys


class Unready(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(503)
        self.end_headers()


print("FATAL: DATABASE_URL is not set, serving 503", flush=True)
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Unready).serve_forever()
