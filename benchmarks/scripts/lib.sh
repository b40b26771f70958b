# Shared helpers of the benchmark scripts; source it, do not run it. Needs GNU time (/usr/bin/time) and bc.

# "WALL CPU" seconds of the fastest (by wall clock) of N runs of the command, output discarded.
# CPU is user+sys of the whole process tree, less sensitive than wall time to other load on the machine.
# A non-zero exit (1 = FAIL findings) is not an error here. Uses $TIMES as its scratch file.
best() {
  local n=$1; shift
  local best_wall="" best_cpu=""
  for _ in $(seq "$n"); do
    local out wall cpu
    /usr/bin/time -o "$TIMES" -f "%e %U %S" "$@" >/dev/null 2>&1 || true
    out=$(tail -1 "$TIMES")
    wall=$(echo "$out" | cut -d' ' -f1)
    cpu=$(echo "$out" | awk '{print $2 + $3}')
    if [ -z "$best_wall" ] || [ "$(echo "$wall < $best_wall" | bc)" = 1 ]; then best_wall=$wall; best_cpu=$cpu; fi
  done
  echo "$best_wall $best_cpu"
}

# After writing a capture: waits for the kernel to write it back (sync) and reads it once, so that the
# timed runs of every tool start alike: the file in the page cache, no write-back of its ~250 MB of
# dirty pages going on during the first tool's runs.
settle() {
  sync
  cat "$1" > /dev/null
}
