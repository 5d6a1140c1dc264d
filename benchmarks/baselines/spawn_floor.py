#!/usr/bin/env python3
"""The spawn floor of the latency benchmark: starts `sh -c 'date +%s%N >> FILE'` COUNT times, ~40 ms apart, exactly as
the kazoo baseline starts its action (subprocess.Popen, stdin a pipe), with no ZooKeeper, and prints one line per
start: milliseconds from just before Popen to the time `date` wrote. usage: spawn_floor.py COUNT FILE"""
import os
import subprocess
import sys
import time

count, marks = int(sys.argv[1]), sys.argv[2]
for _ in range(count):
    t0 = time.time_ns()
    child = subprocess.Popen(['/bin/sh', '-c', 'date +%s%N >> ' + marks], stdin=subprocess.PIPE,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    child.stdin.close()
    child.wait()
    with open(marks) as f:
        written = int(f.read().split()[-1])
    print((written - t0) / 1e6, flush=True)
    time.sleep(0.04)
os.unlink(marks)
