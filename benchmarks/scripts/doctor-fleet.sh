#!/usr/bin/env bash
# The fleet case: N doctor runs at once in one JVM, each against its own loopback site (a testkit lab
# in one of its web scenarios, plus STUN, an XCC media port and the XCC's SIP port answering, silent
# or closed), N = 1, 8, 32, 64 by default. Every kind of site is first run alone; a fleet run whose
# statuses or finding codes differ from its kind's run alone is a wrong report. Prints the load
# average, then a Markdown table: wall time, runs/s, wrong reports, CPU per run, run time beyond the
# kind alone, peak threads and descriptors, and threads and descriptors after the sites are closed.
#
# Usage (from the project root, after building):
#   mvn -B -q -pl benchmarks -am package -DskipTests
#   benchmarks/scripts/doctor-fleet.sh [N ...]
# The machine should be otherwise idle: the runs mostly wait on loopback peers, but TLS handshakes
# and the JIT compete for the cores with anything else running. Takes about two minutes.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BENCH="$ROOT/benchmarks/target/benchmarks.jar"
[ -f "$BENCH" ] || { echo "missing $BENCH: build first (see the header of this script)" >&2; exit 2; }
if [ "$(echo "$(cut -d' ' -f1 /proc/loadavg) > $(nproc)" | bc)" = 1 ]; then
  echo "doctor-fleet: load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores: the figures will show it" >&2
fi
exec java -cp "$BENCH" org.xphonediag.benchmarks.fleet.DoctorFleet "$@"
