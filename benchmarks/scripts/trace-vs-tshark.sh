#!/usr/bin/env bash
# Whole-process speed of `xphone-diag trace` against tshark (issue 7, ARCHITECTURE.md "Trace reading"),
# JVM start included, and a bounded-memory run with -Xmx256m on a multi-hundred-MB capture.
#
# Usage (from the project root, after building):
#   mvn -B -pl xphone-diag-trace,xphone-diag-cli,benchmarks -am package -DskipTests
#   benchmarks/scripts/trace-vs-tshark.sh [PACKETS] [BIG_PACKETS] [RUNS]
# Defaults: 1,000,000 packets, 4,000,000 packets (about 1 GB) for the -Xmx256m run, 3 runs (best is reported).
# The captures are generated in ${TMPDIR:-/tmp} and deleted at the end; never commit them.
set -euo pipefail

PACKETS=${1:-1000000}
BIG_PACKETS=${2:-4000000}
RUNS=${3:-3}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CLI="$ROOT/xphone-diag-cli/target/xphone-diag.jar"
BENCH="$ROOT/benchmarks/target/benchmarks.jar"
TMP=${TMPDIR:-/tmp}
CAP="$TMP/xphone-trace-bench-$PACKETS.pcapng"
BIG="$TMP/xphone-trace-bench-$BIG_PACKETS.pcapng"
trap 'rm -f "$CAP" "$BIG"' EXIT

for f in "$CLI" "$BENCH"; do
  [ -f "$f" ] || { echo "missing $f: build first (see the header of this script)" >&2; exit 2; }
done
command -v tshark >/dev/null || { echo "tshark is not installed" >&2; exit 2; }

# best wall-clock seconds of RUNS runs of the given command (output discarded)
best() {
  local best=""
  for _ in $(seq "$RUNS"); do
    local s e t
    s=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
  done
  echo "$best"
}

java -cp "$BENCH" org.xphonediag.benchmarks.TraceCaptureGenerator "$CAP" "$PACKETS"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), cores: $(nproc)"

OURS=$(best java -jar "$CLI" trace "$CAP" --json)
THEIRS=$(best tshark -n -r "$CAP" -Y "sip || stun" -T fields -e frame.number)
echo "xphone-diag trace --json : ${OURS}s  (java -jar $CLI trace $CAP --json)"
echo "tshark sip||stun         : ${THEIRS}s  (tshark -n -r $CAP -Y \"sip || stun\" -T fields -e frame.number)"
echo "speed-up                 : $(echo "scale=1; $THEIRS / $OURS" | bc)x"

java -cp "$BENCH" org.xphonediag.benchmarks.TraceCaptureGenerator "$BIG" "$BIG_PACKETS"
s=$(date +%s.%N)
/usr/bin/env java -Xmx256m -jar "$CLI" trace "$BIG" --json > "$TMP/xphone-trace-bench-big.json"
rc=$?
e=$(date +%s.%N)
echo "-Xmx256m on $(du -h "$BIG" | cut -f1) ($BIG_PACKETS packets): exit $rc in $(echo "$e - $s" | bc)s, packets: $(grep -o '"total" : [0-9]*' "$TMP/xphone-trace-bench-big.json" | head -1)"
rm -f "$TMP/xphone-trace-bench-big.json"
