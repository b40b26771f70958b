package org.xphonediag.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.xphonediag.stun.AttributeValue;
import org.xphonediag.stun.StunAttribute;
import org.xphonediag.stun.StunDecoder;
import org.xphonediag.stun.StunFormatException;

/** Runs tshark, the reference dissector, and compares its SIP and STUN fields with ours, frame by frame. */
final class Tshark {
  private Tshark() {}

  static boolean available(String tool) {
    try {
      Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static String run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = p.getInputStream()) {
      in.transferTo(out);
    }
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "tshark did not finish within 120 s");
    assertEquals(0, p.exitValue(), "tshark exit code for " + command);
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * Per frame: sorted Call-IDs, request methods, status codes, STUN types, transaction ids and IPv4
   * address attributes (XOR-MAPPED-ADDRESS and the others) as {@code ip:port}.
   */
  static Map<Long, String> tshark(Path file, int... sipTcpPorts) throws Exception {
    List<String> decodes = new ArrayList<>();
    for (int port : sipTcpPorts) {
      decodes.add("tcp.port==" + port + ",sip");
    }
    return tshark(file, decodes);
  }

  /**
   * The same with tshark's "decode as" rules (e.g. {@code tcp.port==3478,stun}: its TCP heuristics
   * only take a stream for STUN at a segment holding a whole message, so a message split in the first
   * segments is found only when the port is named).
   */
  static Map<Long, String> tshark(Path file, List<String> decodeAs) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString()));
    for (String d : decodeAs) {
      cmd.addAll(List.of("-d", d));
    }
    cmd.addAll(List.of("-Y", "sip || stun", "-T", "fields", "-E", "separator=/t", "-e", "frame.number", "-e",
        "sip.Call-ID", "-e", "sip.Method", "-e", "sip.Status-Code", "-e", "stun.type", "-e", "stun.id", "-e", "stun.att.ipv4", "-e",
        "stun.att.port"));
    Map<Long, String> out = new TreeMap<>();
    for (String line : run(cmd).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t", -1);
      String types = f[4].isEmpty() ? "" : Arrays.stream(f[4].split(","))
          .map(t -> Integer.toString(Integer.decode(t))).reduce((a, b) -> a + "," + b).orElse("");
      List<String> ips = split(f[6]);
      List<String> ports = split(f[7]);
      assertEquals(ips.size(), ports.size(), "tshark's STUN address fields in " + line);
      List<String> addresses = new ArrayList<>();
      for (int i = 0; i < ips.size(); i++) {
        addresses.add(ips.get(i) + ":" + ports.get(i));
      }
      out.put(Long.parseLong(f[0].strip()), key(split(f[1]), split(f[2]), split(f[3]), split(types),
          split(f[5].replace(":", "").toLowerCase()), addresses));
    }
    return out;
  }

  /** The same fields as our scanner reads them. */
  static Map<Long, String> ours(Path file) throws Exception {
    Map<Long, List<List<String>>> by = new TreeMap<>();
    try (TraceScanner s = TraceScanner.open(file)) {
      for (Optional<TraceMessage> m = s.next(); m.isPresent(); m = s.next()) {
        List<List<String>> f = by.computeIfAbsent(m.get().frame(), k -> List.of(new ArrayList<>(),
            new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
        if (m.get() instanceof SipMessage sip) {
          f.get(0).add(sip.callId());
          if (sip.request()) {
            f.get(1).add(sip.method());
          } else {
            f.get(2).add(Integer.toString(sip.statusCode()));
          }
        } else if (m.get() instanceof StunPacket stun) {
          f.get(3).add(Integer.toString(stun.messageType()));
          f.get(4).add(stun.transactionId());
          f.get(5).addAll(addresses(stun));
        }
      }
    }
    Map<Long, String> out = new TreeMap<>();
    by.forEach((frame, f) -> out.put(frame, key(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4), f.get(5))));
    return out;
  }

  /** Every IPv4 address attribute (XOR-MAPPED-ADDRESS, MAPPED-ADDRESS, RESPONSE-ORIGIN ...) as decoded by the stun module. */
  static List<String> addresses(StunPacket p) throws StunFormatException {
    List<String> out = new ArrayList<>();
    for (StunAttribute a : StunDecoder.decode(p.bytes()).attributes()) {
      if (a.decoded() instanceof AttributeValue.Address address && address.ip().isIpv4()) {
        out.add(address.ip() + ":" + address.port());
      }
    }
    return out;
  }

  private static List<String> split(String s) {
    return s.isEmpty() ? List.of() : Arrays.asList(s.split(","));
  }

  private static String key(List<String> callIds, List<String> methods, List<String> statuses, List<String> types,
      List<String> ids, List<String> addresses) {
    return sorted(callIds) + " " + sorted(methods) + " " + sorted(statuses) + " " + sorted(types) + " " + sorted(ids)
        + " " + sorted(addresses);
  }

  private static List<String> sorted(List<String> l) {
    List<String> c = new ArrayList<>(l);
    c.sort(null);
    return c;
  }
}
