"""Appends 'start NAME' to a file, then 'stop NAME' on TERM: one process, so no child races the trap."""
import signal
import sys
import time

order, name = sys.argv[1], sys.argv[2]


def record(word):
    with open(order, "a") as out:
        out.write(word + " " + name + "\n")


def stop(signum, frame):
    record("stop")
    sys.exit(0)


signal.signal(signal.SIGTERM, stop)
record("start")
print("recorded start", flush=True)
while True:
    time.sleep(300)
