package org.xphonediag.examples;

import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.xphonediag.core.Report;
import org.xphonediag.testkit.capture.CaptureWriter;
import org.xphonediag.testkit.capture.PacketBuilder;
import org.xphonediag.trace.TraceAnalyzer;

/**
 * Recipe: analyse a capture the guide asks for (docs/field-guide.md#reading-a-trace) without the CLI. Given no file, it
 * writes a small one first: the loopback INVITE from the XPhone Server to the XCC answered
 * {@code 403 Forbidden}, which the analyser names {@code sip.forbidden} (docs/field-guide.md#failure-patterns).
 */
public final class TraceAnalysis {
  private TraceAnalysis() {}

  public static void main(String[] args) throws Exception {
    Path capture = args.length > 0 ? Path.of(args[0]) : sample();
    Report report = TraceAnalyzer.builder().build().report(capture);
    System.out.println("trace: " + report.status());
    report.findings().forEach(f -> System.out.println(f.severity() + " " + f.code() + ": " + f.message()));
  }

  private static Path sample() throws Exception {
    Path file = Files.createTempFile("xphone-diag-example", ".pcap");
    file.toFile().deleteOnExit();
    String callId = "3f2a7c1e@127.0.0.1";
    String invite = "INVITE sip:+4930123@127.0.0.1:4900;transport=tcp SIP/2.0\r\n"
        + "Via: SIP/2.0/TCP 127.0.0.1:4901;branch=z9hG4bK-1\r\nFrom: <sip:server@127.0.0.1>;tag=a1\r\n"
        + "To: <sip:+4930123@127.0.0.1>\r\nCall-ID: " + callId + "\r\nCSeq: 1 INVITE\r\n"
        + "Contact: <sip:server@127.0.0.1:4901;transport=tcp>\r\nUser-Agent: sipsorcery_v6.0\r\n"
        + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
    String forbidden = "SIP/2.0 403 Forbidden\r\nVia: SIP/2.0/TCP 127.0.0.1:4901;branch=z9hG4bK-1\r\n"
        + "From: <sip:server@127.0.0.1>;tag=a1\r\nTo: <sip:+4930123@127.0.0.1>;tag=b2\r\nCall-ID: " + callId
        + "\r\nCSeq: 1 INVITE\r\nUser-Agent: XPhone Call Controller\r\nContent-Length: 0\r\n\r\n";
    long t = 1_674_745_457_000_000_000L;
    try (OutputStream out = Files.newOutputStream(file);
        CaptureWriter w = CaptureWriter.pcap(out, 1, ByteOrder.LITTLE_ENDIAN, false)) {
      w.writePacket(0, t, PacketBuilder.ethernet(PacketBuilder.tcp("127.0.0.1", 4901, "127.0.0.1", 4900, 1000,
          PacketBuilder.PSH | PacketBuilder.ACK, invite.getBytes(StandardCharsets.US_ASCII))));
      w.writePacket(0, t + 3_000_000L, PacketBuilder.ethernet(PacketBuilder.tcp("127.0.0.1", 4900, "127.0.0.1",
          4901, 5000, PacketBuilder.PSH | PacketBuilder.ACK, forbidden.getBytes(StandardCharsets.US_ASCII))));
    }
    return file;
  }
}
