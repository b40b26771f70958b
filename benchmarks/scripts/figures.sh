#!/usr/bin/env bash
# The performance figures as the Markdown table of docs/measurements.md "Performance figures", each
# row with the command that reproduces it: trace vs tshark (goal: at least 20x) and peak heap, a
# multi-GB-class capture with -Xmx256m, the UDP sweep 30000-33000 against one probe budget, ACL
# evaluations per second with 10,000 nodes, `doctor --demo` wall time and the CLI's start-up to
# first output.
#
# Usage (from the project root, after building):
#   mvn -B -q -pl xphone-diag-cli,benchmarks -am package -DskipTests
#   benchmarks/scripts/figures.sh [PACKETS] [BIG_PACKETS] [RUNS] [TSHARK_RUNS]
# Defaults: 1,000,000 frames, 4,000,000 frames (about 1 GB) for the -Xmx256m run, 3 runs of ours
# (the fastest is reported), 1 of tshark (minutes per run on a busy 2-core machine). Needs tshark,
# GNU time and bc. The captures go to ${TMPDIR:-/tmp} and are deleted at the end; never commit them.
# Progress goes to stderr, the table to stdout.
set -euo pipefail

PACKETS=${1:-1000000}
BIG_PACKETS=${2:-4000000}
RUNS=${3:-3}
TSHARK_RUNS=${4:-1}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
CLI=xphone-diag-cli/target/xphone-diag.jar
BENCH=benchmarks/target/benchmarks.jar
TMP=${TMPDIR:-/tmp}
CAP="$TMP/xphone-figures-$PACKETS.pcapng"
BIG="$TMP/xphone-figures-$BIG_PACKETS.pcapng"
TIMES="$TMP/xphone-figures-time.$$"
GCLOG="$TMP/xphone-figures-gc.$$"
ACL="$TMP/xphone-figures-acl.$$.csv"
trap 'rm -f "$CAP" "$BIG" "$TIMES" "$GCLOG" "$ACL"' EXIT
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

for f in "$CLI" "$BENCH"; do
  [ -f "$f" ] || { echo "missing $f: build first (see the header of this script)" >&2; exit 2; }
done
command -v tshark >/dev/null || { echo "tshark is not installed" >&2; exit 2; }
log() { echo "figures: $*" >&2; }

# Peak heap in MB seen by the GC log (the largest "before" figure of a pause; 0 when no GC ran).
peak_heap() {
  grep -o '[0-9]*M->[0-9]*M' "$GCLOG" | cut -dM -f1 | sort -n | tail -1 | grep . || echo 0
}

log "load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
row() { printf '| %s | %s | `%s` |\n' "$1" "$2" "$3"; }
echo "| what | figure | command |"
echo "| --- | --- | --- |"

log "trace vs tshark on $PACKETS frames"
java -cp "$BENCH" org.xphonediag.benchmarks.TraceCaptureGenerator "$CAP" "$PACKETS" >&2
settle "$CAP"
read -r OURS OURS_CPU <<< "$(best "$RUNS" java -jar "$CLI" trace "$CAP" --json)"
read -r THEIRS THEIRS_CPU <<< "$(best "$TSHARK_RUNS" tshark -n -r "$CAP" -Y "sip || stun" -T fields -e frame.number)"
java "-Xlog:gc:file=$GCLOG" -jar "$CLI" trace "$CAP" --json >/dev/null 2>&1 || true
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
RATIO=$(ratio "$THEIRS" "$OURS")
GOAL=$([ "$(echo "$RATIO >= 20" | bc)" = 1 ] && echo "goal of 20x met" || echo "goal of 20x NOT met")
row "\`trace\` vs tshark \`sip \\|\\| stun\`, $PACKETS frames ($(du -h "$CAP" | cut -f1)), whole process" \
  "${OURS} s vs ${THEIRS} s wall: ${RATIO}x ($GOAL; CPU $(echo "scale=1; $THEIRS_CPU / $OURS_CPU" | bc)x), peak heap $(peak_heap) MB" \
  "benchmarks/scripts/trace-vs-tshark.sh $PACKETS $BIG_PACKETS $RUNS $TSHARK_RUNS"

log "trace with -Xmx256m on $BIG_PACKETS frames"
java -cp "$BENCH" org.xphonediag.benchmarks.TraceCaptureGenerator "$BIG" "$BIG_PACKETS" >&2
settle "$BIG"
rc=0
/usr/bin/time -o "$TIMES" -f "%e %M" java -Xmx256m "-Xlog:gc:file=$GCLOG" -jar "$CLI" trace "$BIG" --json \
  >/dev/null 2>&1 || rc=$?
read -r wall rss <<< "$(tail -1 "$TIMES")"
row "\`trace\` of $BIG_PACKETS frames ($(du -h "$BIG" | cut -f1)) with \`-Xmx256m\`" \
  "${wall} s wall, exit $rc, peak heap $(peak_heap) MB, max RSS $((rss / 1024)) MB" \
  "java -Xmx256m -jar $CLI trace CAPTURE --json"
rm -f "$BIG"

log "UDP sweep"
SWEEP=$(java -cp "$BENCH" org.xphonediag.benchmarks.SweepWallTime)
PACED=$(echo "$SWEEP" | grep '^paced' | sed -E 's/.*wall ([0-9.]+ s) \(([0-9]+%).*/\1 (\2 of one 5 s probe budget)/')
UNPACED=$(echo "$SWEEP" | grep '^unpaced' | sed -E 's/.*wall ([0-9.]+ s).*/\1/')
row "UDP sweep 30000-33000 on loopback, a third answering" "paced at 2000 pps: $PACED; unpaced: $UNPACED" \
  "java -cp $BENCH org.xphonediag.benchmarks.SweepWallTime"

log "ACL"
java -jar "$BENCH" Acl -f 1 -wi 2 -i 3 -t 1 -rf csv -rff "$ACL" >/dev/null
score() { grep "AclBenchmark.$1\"" "$ACL" | cut -d, -f5 | awk '{ if ($1 >= 1e6) printf "%.2f M/s", $1 / 1e6; else printf "%.1f k/s", $1 / 1e3 }'; }
row "ACL with 10,000 nodes, one thread" \
  "$(score allows) verdicts, $(score evaluate) explained decisions; FreeSWITCH-style linear scan $(score linearScanBaseline)" \
  "java -jar $BENCH Acl -f 1 -wi 2 -i 3 -t 1"

log "doctor --demo"
read -r DEMO _ <<< "$(best "$RUNS" java -jar "$CLI" doctor --demo)"
row "\`doctor --demo\`, whole process" "${DEMO} s wall" "java -jar $CLI doctor --demo"

log "start-up"
read -r VERSION _ <<< "$(best 5 java -jar "$CLI" --version)"
read -r FINDINGS _ <<< "$(best 5 java -jar "$CLI" findings)"
row "CLI start-up to first output" "${VERSION} s (\`--version\`), ${FINDINGS} s (\`findings\`, a whole report)" \
  "java -jar $CLI --version"
