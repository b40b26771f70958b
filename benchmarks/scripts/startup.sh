#!/usr/bin/env bash
# Whole-process start-up of the CLI through the distribution's launcher (bin/xphone-diag), measured
# as interleaved pairs: A, B, A, B, ... so that other load on the machine hits both alike. Prints
# the median wall time of each side, the median of the per-pair differences, and the load average
# before and after.
#
# Usage (from the project root, after `mvn -B -q package -DskipTests`):
#   benchmarks/scripts/startup.sh [PAIRS]         archive vs no archive, launcher vs java -jar
#   benchmarks/scripts/startup.sh flags [PAIRS]   each JVM start-up flag on its own vs none
#   benchmarks/scripts/startup.sh big [PAIRS]     the launcher's flags vs the JVM's defaults and vs
#                                                 SerialGC (all with the archive) on a 1,000,000-frame
#                                                 capture (237 MB)
# PAIRS defaults to 20. Workloads: `findings --json` and `trace` of a 1,000-frame capture (--json),
# output discarded. The machine is shared: run it when `uptime` shows a low load, and quote the
# load average with the figures.
set -euo pipefail

MODE=pairs
if [ "${1:-}" = flags ] || [ "${1:-}" = big ]; then MODE=$1; shift; fi
PAIRS=${1:-20}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DIST=$(ls -d "$ROOT"/xphone-diag-dist/target/xphone-diag-*/ 2>/dev/null | head -1)
DIST=${DIST%/}
LAUNCHER="$DIST/bin/xphone-diag"
JAR="$DIST/lib/xphone-diag-launcher.jar"
JSA="$DIST/lib/xphone-diag.jsa"
SHADED="$ROOT/xphone-diag-cli/target/xphone-diag.jar"
BENCH="$ROOT/benchmarks/target/benchmarks.jar"
TMP=${TMPDIR:-/tmp}
CAP="$TMP/xphone-startup-1000.pcapng"
BIG="$TMP/xphone-startup-1000000.pcapng"
TIMES="$TMP/xphone-startup-time.$$"
trap 'rm -f "$CAP" "$BIG" "$TIMES"' EXIT

for f in "$LAUNCHER" "$JAR" "$JSA" "$SHADED" "$BENCH"; do
  [ -e "$f" ] || { echo "missing $f: build first with mvn -B -q package -DskipTests" >&2; exit 2; }
done
java -cp "$BENCH" org.xphonediag.benchmarks.TraceCaptureGenerator "$CAP" 1000 > /dev/null

ms() { # "WALL_MS CPU_MS" of one run, output discarded, exit code ignored
  /usr/bin/time -o "$TIMES" -f "%e %U %S" "$@" > /dev/null 2>&1 || true
  tail -1 "$TIMES" | awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}'
}
median() { sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2] + a[NR/2+1]) / 2}'; }

# pair LABEL_A LABEL_B -- CMD_A... -- CMD_B...
pair() {
  local la=$1 lb=$2; shift 2; shift
  local a=() b=()
  while [ "$1" != -- ]; do a+=("$1"); shift; done; shift
  b=("$@")
  local ta=() tb=() d=() ca=() cb=()
  "${a[@]}" > /dev/null 2>&1 || true; "${b[@]}" > /dev/null 2>&1 || true   # one warm-up each (page cache)
  for _ in $(seq "$PAIRS"); do
    local x y xc yc
    read -r x xc <<< "$(ms "${a[@]}")"; read -r y yc <<< "$(ms "${b[@]}")"
    ta+=("$x"); tb+=("$y"); d+=($((y - x))); ca+=("$xc"); cb+=("$yc")
  done
  printf '%-40s %5s ms (cpu %5s) | %-40s %5s ms (cpu %5s) | B-A %5s ms\n' "$la" \
    "$(printf '%s\n' "${ta[@]}" | median)" "$(printf '%s\n' "${ca[@]}" | median)" "$lb" \
    "$(printf '%s\n' "${tb[@]}" | median)" "$(printf '%s\n' "${cb[@]}" | median)" \
    "$(printf '%s\n' "${d[@]}" | median)"
}

echo "medians of wall time (and of CPU time, user+sys); B-A is the median of the per-pair differences"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), cores: $(nproc), $PAIRS interleaved pairs, $(java -version 2>&1 | sed -n 1p)"
if [ "$MODE" = pairs ]; then
  pair "launcher, archive: findings --json" "launcher, no archive" -- \
    "$LAUNCHER" findings --json -- env XPHONE_DIAG_CDS=off "$LAUNCHER" findings --json
  pair "launcher, archive: trace 1k frames --json" "launcher, no archive" -- \
    "$LAUNCHER" trace "$CAP" --json -- env XPHONE_DIAG_CDS=off "$LAUNCHER" trace "$CAP" --json
  pair "launcher: findings --json" "java -jar xphone-diag.jar" -- \
    "$LAUNCHER" findings --json -- java -jar "$SHADED" findings --json
  pair "launcher: trace 1k frames --json" "java -jar xphone-diag.jar" -- \
    "$LAUNCHER" trace "$CAP" --json -- java -jar "$SHADED" trace "$CAP" --json
elif [ "$MODE" = big ]; then
  java -cp "$BENCH" org.xphonediag.benchmarks.TraceCaptureGenerator "$BIG" 1000000 > /dev/null
  sync; cat "$BIG" > /dev/null
  pair "launcher: trace 1M frames --json" "launcher, JVM default flags (C2)" -- \
    "$LAUNCHER" trace "$BIG" --json -- env "JAVA_OPTS=-XX:TieredStopAtLevel=4" "$LAUNCHER" trace "$BIG" --json
  pair "launcher: trace 1M frames --json" "launcher with -XX:+UseSerialGC" -- \
    "$LAUNCHER" trace "$BIG" --json -- env "JAVA_OPTS=-XX:+UseSerialGC" "$LAUNCHER" trace "$BIG" --json
else
  # Each flag alone against the archive without flags (the launcher's classpath and archive).
  base=(java "-XX:SharedArchiveFile=$JSA" -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off)
  for flag in -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData "-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1" \
      "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" -Xshare:off; do
    # shellcheck disable=SC2206
    f=($flag)
    pair "no flag: findings --json" "$flag" -- "${base[@]}" -jar "$JAR" findings --json -- \
      "${base[@]}" "${f[@]}" -jar "$JAR" findings --json
    pair "no flag: trace 1k frames --json" "$flag" -- "${base[@]}" -jar "$JAR" trace "$CAP" --json -- \
      "${base[@]}" "${f[@]}" -jar "$JAR" trace "$CAP" --json
  done
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
