package org.xphonediag.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Report;
import org.xphonediag.core.Status;
import org.xphonediag.testkit.capture.CaptureWriter;
import org.xphonediag.testkit.capture.PacketBuilder;

class TraceAnalyzerTest {
  @TempDir
  Path dir;

  /** 2023-01-26T14:04:17Z, the docs/field-guide.md#reading-a-trace log example read as UTC+1. */
  static final long T = 1_674_741_857_000_000_000L;

  interface Body {
    void write(CaptureWriter w, int eth, int lo) throws Exception;
  }

  Path capture(Body body) throws Exception {
    Path f = dir.resolve("t.pcapng");
    try (OutputStream out = Files.newOutputStream(f); CaptureWriter w = CaptureWriter.pcapng(out,
        ByteOrder.LITTLE_ENDIAN)) {
      int eth = w.addInterface(LinkType.ETHERNET, 6);
      int lo = w.addInterface(LinkType.NULL, 6);
      body.write(w, eth, lo);
    }
    return f;
  }

  static byte[] lo(byte[] sip, boolean toXcc) {
    return PacketBuilder.loopback(toXcc
        ? PacketBuilder.tcp("127.0.0.1", 4901, "127.0.0.1", 4900, 1, PacketBuilder.PSH | PacketBuilder.ACK, sip)
        : PacketBuilder.tcp("127.0.0.1", 4900, "127.0.0.1", 4901, 1, PacketBuilder.PSH | PacketBuilder.ACK, sip),
        ByteOrder.LITTLE_ENDIAN, 23);
  }

  static byte[] eth(String src, String dst, byte[] sip) {
    return PacketBuilder.ethernet(PacketBuilder.udp(src, 5060, dst, 5060, sip));
  }

  @Test
  void healthyCallPairsLoopbackAndXccLegs() throws Exception {
    Path f = capture((w, eth, lo) -> {
      w.writePacket(lo, T, lo(Sip.invite("leg1", "sipsorcery_v6.0", Sip.SDP), true));
      w.writePacket(eth, T + 1_000_000, eth("10.0.0.5", "10.0.0.9", Sip.invite("leg2", "XPhone Call Controller", null)));
      w.writePacket(lo, T + 2_000_000, PacketBuilder.loopback(PacketBuilder.tcp("127.0.0.1", 4900, "127.0.0.1", 4901,
          1, PacketBuilder.ACK, Sip.response("leg1", 183, "Session Progress", "INVITE", Sip.SDP)),
          ByteOrder.LITTLE_ENDIAN, 23));
    });
    TraceAnalysis a = TraceAnalyzer.builder().build().analyze(f);
    assertEquals(2, a.legs().size());
    CallLeg l1 = a.legs(LegRole.LOOPBACK).get(0);
    CallLeg l2 = a.legs(LegRole.XCC).get(0);
    assertEquals(l1.call(), l2.call());
    assertEquals("loopback-addresses", l1.identifiedBy());
    assertEquals(Sip.SDP, l1.messages().get(1).sdp().orElseThrow());
    Report r = TraceAnalyzer.builder().build().report(f);
    assertEquals(Status.PASS, r.status(), r.findings().toString());
    assertEquals(1, ((List<?>) r.data().asMap().get("candidates")).size());
    assertTrue(r.data().asMap().containsKey("legs"));
  }

  @Test
  void loopbackLegFoundByPortWhenOnEthernet() throws Exception {
    Path f = capture((w, eth, lo) -> w.writePacket(eth, T, PacketBuilder.ethernet(PacketBuilder.tcp("10.0.0.4",
        50000, "10.0.0.5", 4900, 9, PacketBuilder.ACK, Sip.invite("p", "other", null)))));
    CallLeg l = TraceAnalyzer.builder().build().analyze(f).legs().get(0);
    assertEquals(LegRole.LOOPBACK, l.role());
    assertEquals("port-4900", l.identifiedBy());
  }

  @Test
  void forbiddenInviteWithAclLogLineGivesBothFindings() throws Exception {
    Path f = capture((w, eth, lo) -> {
      w.writePacket(eth, T, eth("10.0.50.118", "10.0.0.9", Sip.invite("f1", "sipsorcery_v6", null)));
      w.writePacket(eth, T + 5_000_000, eth("10.0.0.9", "10.0.50.118",
          Sip.response("f1", 403, "Forbidden", "INVITE", null)));
    });
    Path log = dir.resolve("XCC_FS.log");
    Files.writeString(log, "2023-01-26 15:04:17.755102 [DEBUG] sofia.c:10509 verifying acl \"xcc_localnet\" for "
        + "ip/port 10.0.50.118:0.\n2023-01-26 15:04:17.755102 [WARNING] sofia.c:10622 IP 10.0.50.118 Rejected by "
        + "acl \"xcc_localnet\"\nother line\n");
    Report r = TraceAnalyzer.builder().fsLog(log).logZone(ZoneOffset.ofHours(1)).build().report(f);
    assertEquals(Status.FAIL, r.status());
    Finding forbidden = r.findings().stream().filter(x -> x.code().equals("sip.forbidden")).findFirst().orElseThrow();
    assertEquals(1L, forbidden.evidence().asMap().get("inviteFrame"));
    assertEquals(2L, forbidden.evidence().asMap().get("responseFrame"));
    assertEquals("xcc_localnet", forbidden.evidence().asMap().get("aclRejectedBy"));
    Finding acl = r.findings().stream().filter(x -> x.code().equals("log.acl-rejected")).findFirst().orElseThrow();
    assertEquals("10.0.50.118", acl.evidence().asMap().get("ip"));
    assertEquals(1L, acl.evidence().asMap().get("inviteFrame"));
    assertEquals(2, acl.evidence().asMap().get("logLine"));
  }

  @Test
  void aclLineFromAnotherAddressAttachesByTimeToTheLoopbackLegOnly() throws Exception {
    Path f = capture((w, eth, lo) -> {
      w.writePacket(lo, T, lo(Sip.invite("l1", "sipsorcery", null), true));
      w.writePacket(eth, T + 1_000_000, eth("10.0.0.5", "10.0.0.7", Sip.invite("l2", "XPhone Call Controller", null)));
      w.writePacket(eth, T + 2_000_000, eth("10.0.0.7", "10.0.0.5", Sip.response("l2", 403, "Forbidden", "INVITE",
          null)));
      w.writePacket(lo, T + 3_000_000, lo(Sip.response("l1", 403, "Forbidden", "INVITE", null), false));
    });
    Path log = dir.resolve("fs.log");
    Files.writeString(log, "2023-01-26 14:04:18.100 [WARNING] sofia.c:10622 IP 192.0.2.99 Rejected by acl \"lan\"\n");
    Report r = TraceAnalyzer.builder().fsLog(log).logZone(ZoneOffset.UTC).build().report(f);
    List<Finding> forbidden = r.findings().stream().filter(x -> x.code().equals("sip.forbidden")).toList();
    assertEquals(2, forbidden.size());
    assertEquals(List.of("l1"), forbidden.stream().filter(x -> x.evidence().asMap().containsKey("aclRejectedBy"))
        .map(x -> x.evidence().asMap().get("callId")).toList());
    Finding acl = r.findings().stream().filter(x -> x.code().equals("log.acl-rejected")).findFirst().orElseThrow();
    assertEquals("l1", acl.evidence().asMap().get("callId"));
  }

  @Test
  void aclLineFarFromAnyInviteStaysUncorrelated() throws Exception {
    Path f = capture((w, eth, lo) -> {
      w.writePacket(lo, T, lo(Sip.invite("l1", "sipsorcery", null), true));
      w.writePacket(lo, T + 3_000_000, lo(Sip.response("l1", 403, "Forbidden", "INVITE", null), false));
    });
    Path log = dir.resolve("fs.log");
    Files.writeString(log, "2023-01-26 18:00:00.000 [WARNING] sofia.c:10622 IP 192.0.2.99 Rejected by acl \"lan\"\n");
    Report r = TraceAnalyzer.builder().fsLog(log).logZone(ZoneOffset.UTC).build().report(f);
    Finding acl = r.findings().stream().filter(x -> x.code().equals("log.acl-rejected")).findFirst().orElseThrow();
    assertTrue(!acl.evidence().asMap().containsKey("inviteFrame"), acl.evidence().toString());
  }

  @Test
  void notAcceptableAnswerGivesFinding() throws Exception {
    Path f = capture((w, eth, lo) -> {
      w.writePacket(lo, T, lo(Sip.invite("n1", "sipsorcery", Sip.SDP), true));
      w.writePacket(lo, T + 1, PacketBuilder.loopback(PacketBuilder.tcp("127.0.0.1", 4900, "127.0.0.1", 4901, 1,
          PacketBuilder.ACK, Sip.response("n1", 488, "Not Acceptable Here", "INVITE", null)),
          ByteOrder.LITTLE_ENDIAN, 23));
    });
    Report r = TraceAnalyzer.builder().build().report(f);
    assertEquals(List.of("sip.not-acceptable"), r.findings().stream().map(Finding::code).toList());
    assertEquals(2L, r.findings().get(0).evidence().asMap().get("responseFrame"));
  }

  @Test
  void onlyXccLegGivesNoLoopbackLegWarning() throws Exception {
    Path f = capture((w, eth, lo) -> w.writePacket(eth, T, eth("10.0.0.5", "10.0.0.9",
        Sip.invite("x", "XPhone Call Controller", null))));
    Report r = TraceAnalyzer.builder().build().report(f);
    assertEquals(Status.WARN, r.status());
    assertEquals(List.of("trace.no-loopback-leg"), r.findings().stream().map(Finding::code).toList());
  }

  @Test
  void captureWithoutSipGivesNoSipWarning() throws Exception {
    Path f = capture((w, eth, lo) -> w.writePacket(eth, T, PacketBuilder.ethernet(PacketBuilder.udp("10.0.0.1", 1,
        "10.0.0.2", 2, Sip.rtp(1)))));
    Report r = TraceAnalyzer.builder().build().report(f);
    assertEquals(List.of("trace.no-sip"), r.findings().stream().map(Finding::code).toList());
  }

  @Test
  void truncatedCaptureAnalysesCompleteFramesAndWarns() throws Exception {
    Path f = capture((w, eth, lo) -> {
      w.writePacket(eth, T, eth("10.0.0.5", "10.0.0.9", Sip.invite("x", "XPhone Call Controller", null)));
      w.writePacket(eth, T, eth("10.0.0.5", "10.0.0.9", Sip.invite("y", "XPhone Call Controller", null)));
    });
    byte[] b = Files.readAllBytes(f);
    Files.write(f, Arrays.copyOf(b, b.length - 30));
    Report r = TraceAnalyzer.builder().build().report(f);
    assertTrue(r.findings().stream().anyMatch(x -> x.code().equals("trace.truncated")));
    assertEquals(1, ((List<?>) r.data().asMap().get("legs")).size());
  }

  @Test
  void unreadableLogIsAnIoError() throws Exception {
    Path f = capture((w, eth, lo) -> { });
    assertThrows(java.io.IOException.class,
        () -> TraceAnalyzer.builder().fsLog(dir.resolve("missing.log")).build().analyze(f));
  }
}
