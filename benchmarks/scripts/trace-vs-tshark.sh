#!/usr/bin/env bash
# Whole-process speed of `xphone-diag trace` against tshark (ARCHITECTURE.md "Trace reading"),
# JVM start included, and a bounded-memory run with -Xmx256m on a multi-hundred-MB capture.
#
# Usage (from the project root, after building):
#   mvn -B -pl xphone-diag-trace,xphone-diag-cli,benchmarks -am package -DskipTests
#   benchmarks/scripts/trace-vs-tshark.sh [--launcher] [PACKETS] [BIG_PACKETS] [RUNS] [TSHARK_RUNS]
# --launcher runs xphone-diag through the distribution's bin/xphone-diag (its start-up flags and
# class-data-sharing archive; build it with `mvn -B -q package -DskipTests`) instead of java -jar.
# Defaults: 1,000,000 packets, 4,000,000 packets (about 1 GB) for the -Xmx256m run, 3 runs of each
# (the fastest is reported; tshark takes minutes per run on a busy 2-core machine, so TSHARK_RUNS may be 1).
# The captures are generated in ${TMPDIR:-/tmp} and deleted at the end; never commit them.
set -euo pipefail

LAUNCHER=
if [ "${1:-}" = --launcher ]; then
  shift
  LAUNCHER=$(ls -d "$(cd "$(dirname "$0")/../.." && pwd)"/xphone-diag-dist/target/xphone-diag-*/bin/xphone-diag 2>/dev/null \
    | head -1)
  [ -x "$LAUNCHER" ] || { echo "no launcher in xphone-diag-dist/target: build with mvn -B -q package -DskipTests" >&2; exit 2; }
fi
PACKETS=${1:-1000000}
BIG_PACKETS=${2:-4000000}
RUNS=${3:-3}
TSHARK_RUNS=${4:-$RUNS}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CLI="$ROOT/xphone-diag-cli/target/xphone-diag.jar"
BENCH="$ROOT/benchmarks/target/benchmarks.jar"
TMP=${TMPDIR:-/tmp}
CAP="$TMP/xphone-trace-bench-$PACKETS.pcapng"
BIG="$TMP/xphone-trace-bench-$BIG_PACKETS.pcapng"
TIMES="$TMP/xphone-trace-bench-time.$$"
trap 'rm -f "$CAP" "$BIG" "$TIMES"' EXIT

if [ -n "$LAUNCHER" ]; then
  OURS_CMD=("$LAUNCHER")
  BOUNDED=(env JAVA_OPTS=-Xmx256m "$LAUNCHER")
else
  OURS_CMD=(java -jar "$CLI")
  BOUNDED=(java -Xmx256m -jar "$CLI")
fi
for f in "$CLI" "$BENCH"; do
  [ -f "$f" ] || { echo "missing $f: build first (see the header of this script)" >&2; exit 2; }
done
command -v tshark >/dev/null || { echo "tshark is not installed" >&2; exit 2; }

# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

java -cp "$BENCH" org.xphonediag.benchmarks.TraceCaptureGenerator "$CAP" "$PACKETS"
settle "$CAP"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), cores: $(nproc)"

read -r OURS OURS_CPU <<< "$(best "$RUNS" "${OURS_CMD[@]}" trace "$CAP" --json)"
read -r THEIRS THEIRS_CPU <<< "$(best "$TSHARK_RUNS" tshark -n -r "$CAP" -Y "sip || stun" -T fields -e frame.number)"
echo "xphone-diag trace --json : wall ${OURS}s, cpu ${OURS_CPU}s  (${OURS_CMD[*]} trace $CAP --json)"
echo "tshark sip||stun         : wall ${THEIRS}s, cpu ${THEIRS_CPU}s  (tshark -n -r $CAP -Y \"sip || stun\" -T fields -e frame.number)"
echo "speed-up                 : wall $(echo "scale=1; $THEIRS / $OURS" | bc)x, cpu $(echo "scale=1; $THEIRS_CPU / $OURS_CPU" | bc)x"

java -cp "$BENCH" org.xphonediag.benchmarks.TraceCaptureGenerator "$BIG" "$BIG_PACKETS"
settle "$BIG"
rc=0
/usr/bin/time -o "$TIMES" -f "%e %U %S %M" "${BOUNDED[@]}" trace "$BIG" --json \
  > "$TMP/xphone-trace-bench-big.json" 2>/dev/null || rc=$?
read -r wall user sys rss <<< "$(tail -1 "$TIMES")"
echo "-Xmx256m on $(du -h "$BIG" | cut -f1) ($BIG_PACKETS packets): exit $rc, wall ${wall}s, cpu $(echo "$user + $sys" | bc)s, max RSS ${rss} KB, $(grep -o '"total" : [0-9]*' "$TMP/xphone-trace-bench-big.json" | head -1)"
rm -f "$TMP/xphone-trace-bench-big.json"
