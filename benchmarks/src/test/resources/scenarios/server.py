# An HTTP server that writes the wall-clock time (ns) at which it listens to argv[2].
import http.server, sys, time
server = http.server.ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])), http.server.SimpleHTTPRequestHandler)
open(sys.argv[2], 'w').write(str(time.time_ns()))
server.serve_forever()
