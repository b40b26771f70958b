#!/usr/bin/env python3
"""Two builds of the CLI against each other, whole process, in interleaved pairs.

    benchmarks/scripts/jar-pairs.py N OLDJAR NEWJAR ARGS...

Runs `java -jar JAR ARGS...` N times per jar, alternating which goes first, and prints the median wall
and CPU time (user + system of the process) per jar and the load average at the end. Interleaving
spreads the machine's other load over both jars alike.
"""
import resource
import statistics
import subprocess
import sys
import time

if len(sys.argv) < 5:
    sys.exit(__doc__)
n = int(sys.argv[1])
jars = {"old": sys.argv[2], "new": sys.argv[3]}
args = sys.argv[4:]
runs = {"old": [], "new": []}
for i in range(n):
    for side in ("old", "new") if i % 2 == 0 else ("new", "old"):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.monotonic()
        subprocess.run(["java", "-jar", jars[side], *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.monotonic() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        runs[side].append((wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime))
for side in ("old", "new"):
    wall = statistics.median(r[0] for r in runs[side])
    cpu = statistics.median(r[1] for r in runs[side])
    print(f"{side}: median wall {wall:.2f} s, median CPU {cpu:.2f} s over {n} runs")
with open("/proc/loadavg") as f:
    print("load average:", " ".join(f.read().split()[:3]))
