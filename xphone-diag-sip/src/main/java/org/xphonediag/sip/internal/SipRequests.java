package org.xphonediag.sip.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.xphonediag.core.net.Transport;
import org.xphonediag.sip.SipMethod;

/**
 * Writes the requests of one probe (RFC 3261): the OPTIONS or INVITE itself, the ACK of a non-2xx
 * final answer (§17.1.1.3: the INVITE's branch), CANCEL (§9.1: the INVITE's branch, Request-URI,
 * Call-ID, From, To and CSeq number), and for a 2xx the ACK and BYE of the dialog (§13.2.2.4,
 * §15.1.1: new branches, the answer's To tag, its Contact as Request-URI, its Record-Route reversed as
 * Route). The Call-ID, From tag and branches are random. Immutable.
 */
final class SipRequests {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String USER_AGENT = "xphone-diag";

  private final SipMethod method;
  private final Transport transport;
  private final String requestUri;
  private final String to;
  private final String from;
  private final String callId;
  private final String sentBy;
  private final String contact;

  /** The requests from {@code local} to {@code [user@]target:port} over {@code transport}. */
  SipRequests(SipMethod method, Transport transport, InetAddress target, int port, String user,
      InetSocketAddress local) {
    this.method = method;
    this.transport = transport;
    String host = host(target);
    String userPart = user == null ? "" : user + "@";
    String tcp = transport == Transport.TCP ? ";transport=tcp" : "";
    this.requestUri = "sip:" + userPart + host + ":" + port + tcp;
    this.to = "<sip:" + userPart + host + ">";
    String localHost = host(local.getAddress());
    this.from = "\"xphone-diag\" <sip:xphone-diag@" + localHost + ">;tag=" + random(8);
    this.callId = random(16) + "@" + localHost;
    this.sentBy = localHost + ":" + local.getPort();
    this.contact = "<sip:xphone-diag@" + sentBy + tcp + ">";
  }

  /** A new branch with RFC 3261's magic cookie. */
  static String branch() {
    return "z9hG4bK" + random(12);
  }

  String callId() {
    return callId;
  }

  /** The probe's request, CSeq 1; {@code body} (an SDP) may be null. */
  byte[] request(String branch, byte[] body) {
    List<String> h = common(branch, to, 1, method.name(), List.of());
    h.add("Contact: " + contact);
    if (method == SipMethod.OPTIONS) {
      h.add("Accept: application/sdp");
    }
    if (body != null) {
      h.add("Content-Type: application/sdp");
    }
    return message(method.name() + " " + requestUri, h, body);
  }

  /** The ACK of a non-2xx final answer to the INVITE sent with {@code inviteBranch}. */
  byte[] ackFailure(String inviteBranch, String toTag) {
    return message("ACK " + requestUri, common(inviteBranch, tagged(toTag), 1, "ACK", List.of()), null);
  }

  /** CANCEL of the INVITE sent with {@code inviteBranch}. */
  byte[] cancel(String inviteBranch) {
    return message("CANCEL " + requestUri, common(inviteBranch, to, 1, "CANCEL", List.of()), null);
  }

  /** The ACK of a 2xx answer, in the dialog it set up. */
  byte[] ackSuccess(String branch, ParsedResponse ok) {
    return inDialog("ACK", 1, branch, ok);
  }

  /** The BYE ending the dialog a 2xx answer set up. */
  byte[] bye(String branch, ParsedResponse ok) {
    return inDialog("BYE", 2, branch, ok);
  }

  private byte[] inDialog(String name, long cseq, String branch, ParsedResponse ok) {
    List<String> routes = new ArrayList<>(ok.recordRoutes());
    java.util.Collections.reverse(routes);
    List<String> h = common(branch, tagged(ok.toTag()), cseq, name, routes);
    return message(name + " " + ok.contact().orElse(requestUri), h, null);
  }

  private String tagged(String toTag) {
    return toTag.isEmpty() ? to : to + ";tag=" + toTag;
  }

  private List<String> common(String branch, String toValue, long cseq, String cseqMethod, List<String> routes) {
    List<String> h = new ArrayList<>();
    h.add("Via: SIP/2.0/" + transport.name() + " " + sentBy + ";branch=" + branch + ";rport");
    h.add("Max-Forwards: 70");
    for (String r : routes) {
      h.add("Route: " + r);
    }
    h.add("From: " + from);
    h.add("To: " + toValue);
    h.add("Call-ID: " + callId);
    h.add("CSeq: " + cseq + " " + cseqMethod);
    h.add("User-Agent: " + USER_AGENT);
    return h;
  }

  private static byte[] message(String requestLine, List<String> headers, byte[] body) {
    StringBuilder sb = new StringBuilder(512);
    sb.append(requestLine).append(" SIP/2.0\r\n");
    for (String h : headers) {
      sb.append(h).append("\r\n");
    }
    int length = body == null ? 0 : body.length;
    sb.append("Content-Length: ").append(length).append("\r\n\r\n");
    byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
    byte[] all = java.util.Arrays.copyOf(head, head.length + length);
    if (body != null) {
      System.arraycopy(body, 0, all, head.length, length);
    }
    return all;
  }

  private static String host(InetAddress a) {
    String h = a.getHostAddress();
    if (a instanceof Inet6Address) {
      int zone = h.indexOf('%');
      return "[" + (zone >= 0 ? h.substring(0, zone) : h) + "]";
    }
    return h;
  }

  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
