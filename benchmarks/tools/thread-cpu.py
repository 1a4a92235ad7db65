#!/usr/bin/env python3
"""CPU ticks and voluntary wake-ups of each thread of one process over a window.

Usage: thread-cpu.py PID SECONDS
Used for the idle-supervisor figures on the benchmarks page: start `mvn tether:run` in examples/http-server,
find the supervisor (the process whose environment has TETHER_SUPERVISOR), and run this over it. Prints one
line per thread that ran, then the total (ticks are 10 ms).
"""
import os, sys, time
pid = sys.argv[1]; window = float(sys.argv[2])
def snap():
    r = {}
    for t in os.listdir(f"/proc/{pid}/task"):
        try:
            stat = open(f"/proc/{pid}/task/{t}/stat").read()
            comm = open(f"/proc/{pid}/task/{t}/comm").read().strip()
            f = stat[stat.rindex(')')+2:].split()
            cpu = int(f[11]) + int(f[12])
            vol = [l for l in open(f"/proc/{pid}/task/{t}/status") if l.startswith("voluntary_ctxt")][0].split()[1]
            r[t] = (comm, cpu, int(vol))
        except Exception: pass
    return r
a = snap(); time.sleep(window); b = snap()
tot_c = tot_w = 0
for t in sorted(b, key=int):
    c0, w0 = (a[t][1], a[t][2]) if t in a else (0, 0)
    dc, dw = b[t][1]-c0, b[t][2]-w0
    tot_c += dc; tot_w += dw
    if dc or dw: print(f"{t:>7} {b[t][0]:<20} ticks={dc:<4} wakeups={dw}")
print(f"total ticks={tot_c} ({tot_c/window:.1f}%/s of a CPU) wakeups/s={tot_w/window:.2f}")
