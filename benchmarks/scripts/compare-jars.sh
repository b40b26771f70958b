#!/usr/bin/env bash
# compare-jars.sh OLDJAR NEWJAR: the JSON contract (xphone-diag/1) and the text output of two builds of
# the CLI, side by side, on the repository's public test material: every doctor --demo scenario,
# findings, every real-world and test capture (trace), every real-world SDP (sdp), every real-world
# acl.conf.xml (acl, with an SDP pick) and the config samples. Values that differ from run to run are
# masked (timings, ports, timestamps, the lab's freshly generated certificates, temporary folders).
# Prints IDENTICAL, or DIFFERENT with the first lines of each difference; exits 1 when different.
set -u
[ $# -eq 2 ] || { echo "usage: $0 OLDJAR NEWJAR" >&2; exit 2; }
OLD=$(readlink -f "$1"); NEW=$(readlink -f "$2")
R=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mktemp -d /tmp/golden.XXXX)
norm() {
  sed -E -e 's#sha256/[A-Za-z0-9+/=]+#sha256/H#g' -e 's/"(dns|connect|tls|firstByte|total|handshake|request|response|wait|[A-Za-z]*Ms)" : -?[0-9.eE+-]+/"\1" : 0/g' -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(Z|[+-][0-9:]+)?/T/g' -e 's/\b[0-9a-fA-F]{40,128}\b/H/g' -e 's/:[0-9]{4,5}\b/:P/g' -e 's/"(tokenExpiresAt|expiresAt|notAfterEpochSeconds|daysLeft|validDays|secondsLeft|mediaPort|port)" : [0-9."TZ:-]+/"\1" : X/g' -e 's/"(startedAt|notBefore|notAfter|generatedAt|at|time|timestamp)" : "[^"]*"/"\1" : "T"/g' \
    -e 's/"(elapsedMs|durationMs|rttMs|millis|ms|packetsSent|elapsed|rtt|meanRttMs|maxRttMs|minRttMs)" : [0-9.eE+-]+/"\1" : 0/g' \
    -e 's#/tmp/[A-Za-z0-9._-]+#/tmp/X#g' -e 's/(127\.0\.0\.1|localhost|\[::1\]|lab\.example\.com):[0-9]+/\1:P/g' \
    -e 's/port [0-9]{4,5}/port P/g' -e 's/"(port|localPort|sourcePort)" : [0-9]+/"\1" : 0/g' \
    -e 's/[0-9]+(\.[0-9]+)? ?(ms|s)\b/N/g' -e 's#[0-9]{4,5}/(udp|tcp)#P/\1#g' -e 's/"sha256" : "[0-9a-f]+"/"sha256" : "H"/g' \
    -e 's/[0-9A-F]{2}(:[0-9A-F]{2}){31}/FP/g' -e 's/"serial[A-Za-z]*" : "[^"]*"/"serial" : "S"/g'
}
run() { # name args...
  local name=$1; shift
  for side in old new; do
    local jar=$OLD; [ $side = new ] && jar=$NEW
    (cd $R && timeout 120 java -jar "$jar" "$@" > $out/$name.$side.raw 2>$out/$name.$side.err; echo "exit=$?" >> $out/$name.$side.raw)
    if [[ $name == doctor* ]]; then norm < $out/$name.$side.raw | sed -E 's/\b[0-9]{4,5}\b/P/g' > $out/$name.$side; else norm < $out/$name.$side.raw > $out/$name.$side; fi
  done
  if ! diff -q $out/$name.old $out/$name.new >/dev/null; then echo "== DIFF $name: $*"; diff $out/$name.old $out/$name.new | head -20; fail=1; fi
}
fail=0
for s in $(cd $R && java -jar "$OLD" doctor --demo --scenario list | awk 'NR>1{print $1}'); do
  run doctor-$s doctor --demo --scenario $s --json
done
run doctor-text doctor --demo --scenario healthy
run findings findings --json
run findings-text findings
for f in $R/xphone-diag-trace/src/test/resources/realworld/*.pcap* $R/xphone-diag-trace/src/test/resources/trace/*.pcapng; do
  b=$(basename $f); run trace-$b trace --json $f; run trace-text-$b trace $f
done
for f in $R/xphone-diag-sip/src/test/resources/realworld/sdp/*.sdp; do b=$(basename $f); run sdp-$b sdp --json $f; run sdp-text-$b sdp $f; done
for f in $R/xphone-diag-core/src/test/resources/realworld/acl/*.xml; do b=$(basename $f)
  run acl-$b acl --json --acl=$f --ip=10.1.2.3 --ip=192.168.1.10 --ip=203.0.113.7 --ip=::ffff:10.1.2.3; run acl-text-$b acl --acl=$f --ip=10.1.2.3 --ip=203.0.113.7; done
run acl-sdp acl --json --acl=$R/xphone-diag-core/src/test/resources/realworld/acl/freeswitch-vanilla-acl.conf.xml --sdp=$R/xphone-diag-sip/src/test/resources/realworld/sdp/ex-webrtc-chromium-offer.sdp
for d in healthy-dmz healthy-local; do run config-$d config --json --iis=${d#healthy-} --web-config $R/xphone-diag-core/src/test/resources/config/$d/web.config --appsettings $R/xphone-diag-core/src/test/resources/config/$d/appsettings.json; done
run config-dmz-text config --iis=dmz --web-config $R/xphone-diag-core/src/test/resources/config/healthy-local/web.config --appsettings $R/xphone-diag-core/src/test/resources/config/healthy-local/appsettings.json
if [ $fail = 0 ]; then echo "IDENTICAL (outputs in $out)"; else echo "DIFFERENT (outputs in $out)"; exit 1; fi
