#!/usr/bin/env bash
# Runs `xphone-diag doctor --demo` N times (default 100), two at a time, each a whole process, and
# counts the runs that printed anything on stderr and those that printed a stack trace; exits 1 when
# any did. Build first: mvn -B -q -pl xphone-diag-cli -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-100}
jar=xphone-diag-cli/target/xphone-diag.jar
[ -f "$jar" ] || { echo "build $jar first" >&2; exit 2; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
seq 1 "$n" | xargs -P 2 -I{} sh -c "java -jar $jar doctor --demo >/dev/null 2>$dir/{}.err; echo \$? > $dir/{}.exit"
stderr_runs=0; trace_runs=0
for i in $(seq 1 "$n"); do
  [ -s "$dir/$i.err" ] && stderr_runs=$((stderr_runs + 1))
  grep -qE '^\s+at [a-zA-Z_$][a-zA-Z0-9_.$]*\(' "$dir/$i.err" && trace_runs=$((trace_runs + 1))
done
exits=$(cat "$dir"/*.exit | sort | uniq -c | awk '{printf "%s exit %s; ", $1, $2}')
echo "runs: $n; ${exits}with stderr output: $stderr_runs; with a stack trace: $trace_runs; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
[ "$stderr_runs" -eq 0 ]
