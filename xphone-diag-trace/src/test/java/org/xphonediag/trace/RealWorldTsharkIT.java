package org.xphonediag.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real-world corpus against tshark, frame by frame (the README beside the captures lists every
 * disagreement left and why): SIP, STUN and DTLS frames are the frames tshark decodes as such; every
 * frame we call RTP is RTP (version 2) for tshark with its {@code rtp_udp} heuristic on, and every
 * frame tshark finds as RTP through the SDP (its default) is RTP for us; RTCP likewise; T.38 frames
 * are no RTP for tshark. Every RTP stream we report is in tshark's {@code -z rtp,streams} table
 * (heuristic on) with the same packets, lost packets, max delta, max and mean jitter.
 */
class RealWorldTsharkIT {
  @TempDir
  Path dir;

  @BeforeAll
  static void tsharkInstalled() {
    assumeTrue(Tshark.available("tshark"), "tshark is not installed (Debian package tshark)");
  }

  static Stream<String> files() {
    return RealWorldCorpus.CASES.stream().map(RealWorldCorpus.Case::file);
  }

  /** tshark's reading of one capture: the frames of each protocol. */
  record Theirs(Set<Long> sip, Set<Long> stun, Set<Long> dtls, Set<Long> rtp, Set<Long> rtcp, Set<Long> t38) {}

  static Theirs tshark(Path f, boolean heuristics) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", f.toString()));
    if (heuristics) {
      cmd.addAll(List.of("-o", "rtp.heuristic_rtp:TRUE", "-o", "rtcp.heuristic_rtcp:TRUE"));
    }
    cmd.addAll(List.of("-T", "fields", "-E", "separator=/t", "-e", "frame.number", "-e", "frame.protocols", "-e",
        "rtp.version"));
    Map<String, Set<Long>> by = new HashMap<>();
    for (String name : List.of("sip", "stun", "dtls", "rtp", "rtcp", "t38")) {
      by.put(name, new TreeSet<>());
    }
    for (String line : Tshark.run(cmd).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] p = line.split("\t", -1);
      long frame = Long.parseLong(p[0].strip());
      List<String> protocols = List.of(p[1].split(":"));
      for (String name : List.of("sip", "stun", "dtls", "rtcp", "t38")) {
        if (protocols.contains(name)) {
          by.get(name).add(frame);
        }
      }
      if (protocols.contains("rtp") && p[2].startsWith("2")) {
        by.get("rtp").add(frame);
      }
    }
    return new Theirs(by.get("sip"), by.get("stun"), by.get("dtls"), by.get("rtp"), by.get("rtcp"), by.get("t38"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void packetClassesAgreeWithTshark(String name) throws Exception {
    RealWorldCorpus.Case c = RealWorldCorpus.byFile().get(name);
    Path f = RealWorldCorpus.copy(name, dir);
    RealWorldCorpus.Reading ours = RealWorldCorpus.read(f);
    Theirs sdp = tshark(f, false);
    Theirs heur = tshark(f, true);
    Map<Long, String> problems = new TreeMap<>();
    differ(problems, "SIP", ours.frames(PayloadKind.SIP), sdp.sip(), true);
    differ(problems, "STUN", ours.frames(PayloadKind.STUN), sdp.stun(), true);
    subset(problems, "DTLS we call DTLS, tshark does not", ours.frames(PayloadKind.DTLS), sdp.dtls());
    subset(problems, "RTP we call RTP, tshark's heuristic does not", ours.frames(PayloadKind.RTP), heur.rtp());
    subset(problems, "RTP tshark finds through the SDP, we do not", sdp.rtp(), ours.frames(PayloadKind.RTP));
    subset(problems, "RTCP we call RTCP, tshark's heuristic does not", ours.frames(PayloadKind.RTCP), union(heur.rtcp(),
        sdp.rtcp()));
    subset(problems, "RTCP tshark finds through the SDP, we do not", sdp.rtcp(), ours.frames(PayloadKind.RTCP));
    Set<Long> udptlAsRtp = new TreeSet<>(ours.frames(PayloadKind.UDPTL));
    udptlAsRtp.retainAll(sdp.rtp());
    udptlAsRtp.forEach(n -> problems.put(n, "T.38 for us, RTP for tshark"));
    Set<Long> rtpAsT38 = new TreeSet<>(ours.frames(PayloadKind.RTP));
    rtpAsT38.retainAll(sdp.t38());
    rtpAsT38.forEach(n -> problems.put(n, "RTP for us, T.38 for tshark"));
    Map<Long, String> expected = new TreeMap<>(c.disagreements());
    Map<Long, String> seen = new TreeMap<>();
    problems.forEach((frame, what) -> seen.put(frame, expected.containsKey(frame) ? expected.get(frame) : what));
    assertEquals(expected, seen, name + ": frames whose class differs from tshark's");
  }

  private static Set<Long> union(Set<Long> a, Set<Long> b) {
    Set<Long> u = new TreeSet<>(a);
    u.addAll(b);
    return u;
  }

  private static void subset(Map<Long, String> problems, String what, Set<Long> part, Set<Long> whole) {
    for (long n : part) {
      if (!whole.contains(n)) {
        problems.putIfAbsent(n, what);
      }
    }
  }

  private static void differ(Map<Long, String> problems, String what, Set<Long> ours, Set<Long> theirs,
      boolean both) {
    subset(problems, what + " for us, not for tshark", ours, theirs);
    if (both) {
      subset(problems, what + " for tshark, not for us", theirs, ours);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  @SuppressWarnings("unchecked")
  void streamFiguresAgreeWithTshark(String name) throws Exception {
    Path f = RealWorldCorpus.copy(name, dir);
    Map<String, String> known = RealWorldCorpus.byFile().get(name).streamDisagreements();
    Map<String, org.xphonediag.trace.rtp.TsharkRtp.Row> theirs = new TreeMap<>();
    org.xphonediag.trace.rtp.TsharkRtp.streams(f).forEach(r -> theirs.put(r.key(), r));
    List<org.xphonediag.core.Details> ours = (List<org.xphonediag.core.Details>) RealWorldCorpus.read(f).report()
        .data().asMap().get("streams");
    for (org.xphonediag.core.Details d : ours) {
      Map<String, Object> s = d.asMap();
      String key = s.get("source") + " " + s.get("destination") + " " + s.get("ssrcHex");
      org.xphonediag.trace.rtp.TsharkRtp.Row t = theirs.get(key);
      org.junit.jupiter.api.Assertions.assertNotNull(t, name + ": our stream " + key + " is not in tshark's "
          + theirs.keySet());
      String where = key + " in " + name;
      if (known.containsKey(key)) {
        assertEquals(t.packets() + 1, ((Number) s.get("packets")).longValue(), known.get(key));
      } else {
        assertEquals(t.packets(), ((Number) s.get("packets")).longValue(), "packets of " + where);
      }
      if (t.lost() >= 0) {
        assertEquals(t.lost(), ((Number) s.get("lost")).longValue(), "lost of " + where);
      }
      assertEquals(t.maxDeltaMs(), ((Number) s.get("maxDeltaMs")).doubleValue(), 0.0015, "max delta of " + where);
      if (s.containsKey("maxJitterMs")) {
        assertEquals(t.maxJitterMs(), ((Number) s.get("maxJitterMs")).doubleValue(), 0.0015, "max jitter of " + where);
        assertEquals(t.meanJitterMs(), ((Number) s.get("meanJitterMs")).doubleValue(), 0.0015,
            "mean jitter of " + where);
      }
    }
  }
}
