#!/usr/bin/env bash
# Whole-process time of the RTP stream analysis (org.xphonediag.trace.rtp.RtpAnalyzer) on an
# RTP-heavy capture against tshark's stream analysis and tshark's `sip || stun` pass, JVM start included.
#
# Usage (from the project root, after building):
#   mvn -B -pl xphone-diag-trace,benchmarks -am package -DskipTests
#   benchmarks/scripts/rtp-streams-vs-tshark.sh [PACKETS] [RUNS] [TSHARK_RUNS]
# Defaults: 1,000,000 packets (TraceCaptureGenerator: 25 calls, RTP both ways), 3 runs of ours, 1 of
# tshark (the fastest by wall clock is reported). The capture is generated in ${TMPDIR:-/tmp} and
# deleted at the end; never commit it.
set -euo pipefail

PACKETS=${1:-1000000}
RUNS=${2:-3}
TSHARK_RUNS=${3:-1}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BENCH="$ROOT/benchmarks/target/benchmarks.jar"
TMP=${TMPDIR:-/tmp}
CAP="$TMP/xphone-rtp-bench-$PACKETS.pcapng"
TIMES="$TMP/xphone-rtp-bench-time.$$"
trap 'rm -f "$CAP" "$TIMES"' EXIT

[ -f "$BENCH" ] || { echo "missing $BENCH: build first (see the header of this script)" >&2; exit 2; }
command -v tshark >/dev/null || { echo "tshark is not installed" >&2; exit 2; }

# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

java -cp "$BENCH" org.xphonediag.benchmarks.TraceCaptureGenerator "$CAP" "$PACKETS"
settle "$CAP"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), cores: $(nproc)"
java -cp "$BENCH" org.xphonediag.benchmarks.RtpStreamsWallTime "$CAP"

read -r OURS OURS_CPU <<< "$(best "$RUNS" java -cp "$BENCH" org.xphonediag.benchmarks.RtpStreamsWallTime "$CAP")"
read -r RTP RTP_CPU <<< "$(best "$TSHARK_RUNS" tshark -n -q -o rtp.heuristic_rtp:TRUE -z rtp,streams -r "$CAP")"
read -r SIP SIP_CPU <<< "$(best "$TSHARK_RUNS" tshark -n -r "$CAP" -Y "sip || stun" -T fields -e frame.number)"
echo "RtpAnalyzer (whole process)  : wall ${OURS}s, cpu ${OURS_CPU}s  (java -cp $BENCH org.xphonediag.benchmarks.RtpStreamsWallTime $CAP)"
echo "tshark -z rtp,streams        : wall ${RTP}s, cpu ${RTP_CPU}s  (tshark -n -q -o rtp.heuristic_rtp:TRUE -z rtp,streams -r $CAP)"
echo "tshark sip||stun             : wall ${SIP}s, cpu ${SIP_CPU}s  (tshark -n -r $CAP -Y \"sip || stun\" -T fields -e frame.number)"
echo "speed-up vs rtp,streams      : wall $(echo "scale=1; $RTP / $OURS" | bc)x, cpu $(echo "scale=1; $RTP_CPU / $OURS_CPU" | bc)x"
echo "speed-up vs sip||stun        : wall $(echo "scale=1; $SIP / $OURS" | bc)x, cpu $(echo "scale=1; $SIP_CPU / $OURS_CPU" | bc)x"
