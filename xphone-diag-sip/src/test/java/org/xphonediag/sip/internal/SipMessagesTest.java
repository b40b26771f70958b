package org.xphonediag.sip.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.net.Transport;
import org.xphonediag.sip.SipMethod;

/** The probe's requests, answers and framing, without sockets (RFC 3261 §8.1, §9.1, §13.2.2.4, §17.1, §18.3). */
class SipMessagesTest {
  private static final InetSocketAddress LOCAL = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);

  private static SipRequests requests(SipMethod method, Transport transport) throws Exception {
    return new SipRequests(method, transport, InetAddress.getByName("10.0.0.5"), 5060, "xcc", LOCAL);
  }

  private static String text(byte[] message) {
    return new String(message, StandardCharsets.UTF_8);
  }

  /** The value of the first header {@code name} in {@code message}. */
  private static String header(String message, String name) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + ": ([^\r\n]*)\r\n").matcher(message);
    assertTrue(m.find(), name + " in " + message);
    return m.group(1);
  }

  /** jain-sip reads the request back as the same request. */
  private static SIPRequest parsed(byte[] message) throws Exception {
    return (SIPRequest) new StringMsgParser().parseSIPMessage(message, true, true, null);
  }

  @Test
  void optionsCarriesViaBranchWithCookieAndRportAndAcceptsSdp() throws Exception {
    String branch = SipRequests.branch();
    String m = text(requests(SipMethod.OPTIONS, Transport.UDP).request(branch, null));
    assertTrue(m.startsWith("OPTIONS sip:xcc@10.0.0.5:5060 SIP/2.0\r\n"), m);
    assertEquals("SIP/2.0/UDP 127.0.0.1:40000;branch=" + branch + ";rport", header(m, "Via"));
    assertTrue(branch.startsWith("z9hG4bK") && branch.length() > 20, branch);
    assertEquals("1 OPTIONS", header(m, "CSeq"));
    assertEquals("<sip:xcc@10.0.0.5>", header(m, "To"));
    assertEquals("application/sdp", header(m, "Accept"));
    assertEquals("0", header(m, "Content-Length"));
    assertTrue(m.endsWith("\r\n\r\n"), m);
    SIPRequest r = parsed(requests(SipMethod.OPTIONS, Transport.UDP).request(branch, null));
    assertEquals("OPTIONS", r.getMethod());
    assertEquals(branch, r.getTopmostVia().getBranch());
  }

  @Test
  void inviteOverTcpCarriesTheSdpByteForByteWithItsLength() throws Exception {
    byte[] sdp = "v=0\r\no=- 1 1 IN IP4 10.0.0.9\r\ns=-\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\n\u00e9"
        .getBytes(StandardCharsets.UTF_8);
    byte[] m = requests(SipMethod.INVITE, Transport.TCP).request(SipRequests.branch(), sdp);
    String t = text(m);
    assertTrue(t.startsWith("INVITE sip:xcc@10.0.0.5:5060;transport=tcp SIP/2.0\r\n"), t);
    assertTrue(header(t, "Via").startsWith("SIP/2.0/TCP 127.0.0.1:40000;branch=z9hG4bK"), t);
    assertEquals("<sip:xphone-diag@127.0.0.1:40000;transport=tcp>", header(t, "Contact"));
    assertEquals("application/sdp", header(t, "Content-Type"));
    assertEquals(String.valueOf(sdp.length), header(t, "Content-Length"));
    assertArrayEquals(sdp, Arrays.copyOfRange(m, m.length - sdp.length, m.length));
    assertArrayEquals(sdp, parsed(m).getRawContent());
  }

  @Test
  void cancelAndFailureAckReuseTheInviteBranchAndCallWhileEachRequestGetsItsOwnCallId() throws Exception {
    SipRequests rq = requests(SipMethod.INVITE, Transport.UDP);
    String branch = SipRequests.branch();
    String invite = text(rq.request(branch, null));
    String cancel = text(rq.cancel(branch));
    String ack = text(rq.ackFailure(branch, "xcc-tag"));
    assertTrue(cancel.startsWith("CANCEL sip:xcc@10.0.0.5:5060 SIP/2.0\r\n"), cancel);
    assertTrue(ack.startsWith("ACK sip:xcc@10.0.0.5:5060 SIP/2.0\r\n"), ack);
    for (String m : List.of(cancel, ack)) {
      assertEquals(header(invite, "Via"), header(m, "Via"));
      assertEquals(header(invite, "From"), header(m, "From"));
      assertEquals(header(invite, "Call-ID"), header(m, "Call-ID"));
    }
    assertEquals("<sip:xcc@10.0.0.5>", header(cancel, "To"), "CANCEL's To is the INVITE's (§9.1)");
    assertEquals("<sip:xcc@10.0.0.5>;tag=xcc-tag", header(ack, "To"), "the ACK's To is the answer's (§17.1.1.3)");
    assertEquals("1 CANCEL", header(cancel, "CSeq"));
    assertEquals("1 ACK", header(ack, "CSeq"));
    assertTrue(header(invite, "From").matches("\"xphone-diag\" <sip:xphone-diag@127\\.0\\.0\\.1>;tag=[0-9a-f]{16}"));
    assertEquals(rq.callId(), header(invite, "Call-ID"));
    assertNotEquals(rq.callId(), requests(SipMethod.INVITE, Transport.UDP).callId());
  }

  @Test
  void dialogAckAndByeGoToTheContactWithTheRouteSetReversedAndNewBranches() throws Exception {
    SipRequests rq = requests(SipMethod.INVITE, Transport.UDP);
    String branch = SipRequests.branch();
    String invite = text(rq.request(branch, null));
    ParsedResponse ok = new ParsedResponse(200, "OK", branch, 1, "INVITE", rq.callId(), "t1",
        Optional.of("sip:xcc@10.0.0.5:5080"), List.of("<sip:p1.example;lr>", "<sip:p2.example;lr>"));
    String ackBranch = SipRequests.branch();
    String ack = text(rq.ackSuccess(ackBranch, ok));
    String bye = text(rq.bye(SipRequests.branch(), ok));
    assertTrue(ack.startsWith("ACK sip:xcc@10.0.0.5:5080 SIP/2.0\r\n"), ack);
    assertTrue(bye.startsWith("BYE sip:xcc@10.0.0.5:5080 SIP/2.0\r\n"), bye);
    assertTrue(ack.indexOf("Route: <sip:p2.example;lr>") < ack.indexOf("Route: <sip:p1.example;lr>")
        && ack.contains("Route: <sip:p1.example;lr>"), ack);
    assertEquals("1 ACK", header(ack, "CSeq"));
    assertEquals("2 BYE", header(bye, "CSeq"));
    assertEquals("<sip:xcc@10.0.0.5>;tag=t1", header(bye, "To"));
    assertTrue(header(ack, "Via").contains(ackBranch), "a 2xx's ACK is a new transaction (§13.2.2.4)");
    assertTrue(!header(ack, "Via").contains(branch) && !header(bye, "Via").contains(branch)
        && !header(bye, "Via").contains(ackBranch), bye);
    assertEquals(header(invite, "Call-ID"), header(bye, "Call-ID"));
    assertEquals("BYE", parsed(rq.bye(SipRequests.branch(), ok)).getMethod());
  }

  @Test
  void ipv6HostsAreBracketed() throws Exception {
    SipRequests rq = new SipRequests(SipMethod.OPTIONS, Transport.UDP, InetAddress.getByName("2001:db8::5"),
        5060, null, new InetSocketAddress(InetAddress.getByName("::1"), 40000));
    String m = text(rq.request(SipRequests.branch(), null));
    assertTrue(m.startsWith("OPTIONS sip:[2001:db8:0:0:0:0:0:5]:5060 SIP/2.0\r\n"), m);
    assertTrue(header(m, "Via").startsWith("SIP/2.0/UDP [0:0:0:0:0:0:0:1]:40000;"), m);
  }

  @Test
  void answerIsReadWithCompactHeadersAndItsDialogFields() {
    String response = "SIP/2.0 200 OK\r\n"
        + "v: SIP/2.0/UDP 127.0.0.1:40000;branch=z9hG4bKabc;rport=40000\r\n"
        + "f: <sip:xphone-diag@127.0.0.1>;tag=f1\r\n"
        + "t: <sip:xcc@10.0.0.5>;tag=xcc1\r\n"
        + "i: call-1@127.0.0.1\r\n"
        + "CSeq: 1 INVITE\r\n"
        + "m: <sip:xcc@10.0.0.5:5080;transport=udp>\r\n"
        + "Record-Route: <sip:p1.example;lr>, <sip:p2.example;lr>\r\n"
        + "l: 0\r\n\r\n";
    ParsedResponse a = new ParsedResponse.Parser().parse(response.getBytes(StandardCharsets.US_ASCII)).orElseThrow();
    assertEquals(200, a.status());
    assertEquals("OK", a.reason());
    assertEquals("z9hG4bKabc", a.branch());
    assertEquals(1, a.cseq());
    assertEquals("INVITE", a.method());
    assertEquals("call-1@127.0.0.1", a.callId());
    assertEquals("xcc1", a.toTag());
    assertEquals(Optional.of("sip:xcc@10.0.0.5:5080;transport=udp"), a.contact());
    assertEquals(List.of("<sip:p1.example;lr>", "<sip:p2.example;lr>"), a.recordRoutes());
    assertEquals("SIP/2.0 200 OK", a.statusLine());
  }

  @Test
  void answerIsRefusedWhenItCannotMatchARequest() {
    ParsedResponse.Parser p = new ParsedResponse.Parser();
    String base = "Via: SIP/2.0/UDP 127.0.0.1:40000;branch=z9hG4bKabc\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\n"
        + "Call-ID: x\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    assertTrue(p.parse(("SIP/2.0 200 OK\r\n" + base).getBytes(StandardCharsets.US_ASCII)).isPresent());
    for (String bad : List.of(
        "OPTIONS sip:x@y SIP/2.0\r\n" + base, // a request
        "SIP/2.0 2000000 OK\r\n" + base, // a code of seven digits, which jain-sip takes
        "SIP/2.0 4030123456789abcdefghijkl\r\n" + base, // a status line jain-sip drops
        "SIP/2.0 200 OK\r\n" + base.replace(";branch=z9hG4bKabc", ""), // no branch
        "SIP/2.0 200 OK\r\n" + base.replace("CSeq: 1 OPTIONS\r\n", ""), // no CSeq
        "SIP/2.0 200 OK\r\n" + base.replace("Call-ID: x\r\n", ""), // no Call-ID
        "\u0000\u0001 not SIP at all\r\n\r\n",
        "\r\n\r\n", // a keep-alive; jain-sip would reach for log4j on control characters only
        "\u0000\u0000\n\n")) {
      assertEquals(Optional.empty(), p.parse(bad.getBytes(StandardCharsets.ISO_8859_1)), bad);
    }
  }

  @Test
  void framingOfDatagramsDiscardsWhatItsContentLengthDoesNotCover() throws Exception {
    assertEquals(-1, frame("SIP/2.0 200 OK\r\nContent-Length: 10\r\n\r\nshort", true));
    assertEquals(-1, frame("SIP/2.0 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n", true));
    assertEquals(-1, frame("SIP/2.0 200 OK\r\nContent-Length: 2000000000\r\n\r\n", true));
    assertEquals(-1, frame("SIP/2.0 200 OK\r\nVia: no end of headers", true));
    String noLength = "SIP/2.0 200 OK\r\nVia: x\r\n\r\nbody";
    assertEquals(noLength.length(), frame(noLength, true), "no Content-Length: the body is the rest");
    String extra = "SIP/2.0 200 OK\r\nl: 2\r\n\r\nabcdef";
    assertEquals(extra.length() - 4, frame(extra, true), "bytes past Content-Length are not the message's");
  }

  @Test
  void framingOfStreamsWaitsForWholeMessagesAndRefusesWhatItCannotFrame() throws Exception {
    String one = "SIP/2.0 100 Trying\r\nContent-Length: 0\r\n\r\n";
    String two = "SIP/2.0 200 OK\r\nContent-Length: 4\r\n\r\nbody";
    assertEquals(one.length(), frame(one + two, false));
    assertEquals(0, frame(two.substring(0, two.length() - 1), false), "body incomplete");
    assertEquals(0, frame("SIP/2.0 200 OK\r\nVia: x", false), "headers incomplete");
    assertEquals("SIP/2.0 200 OK\n\n".length(), frame("SIP/2.0 200 OK\n\n", false), "bare LFs end headers too");
    ProtocolException e = assertThrows(ProtocolException.class,
        () -> frame("SIP/2.0 200 OK\r\nContent-Length: 2000000000\r\n\r\n", false));
    assertEquals("the peer 127.0.0.1:5060 sent a SIP message whose Content-Length is not a number of 0..65536 bytes",
        e.getMessage());
    e = assertThrows(ProtocolException.class,
        () -> frame("SIP/2.0 200 OK\r\nContent-Length: 65000\r\nVia: " + "v".repeat(600) + "\r\n\r\n", false));
    assertTrue(e.getMessage().startsWith("the peer 127.0.0.1:5060 announced a SIP message of 65"), e.getMessage());
  }

  private static int frame(String message, boolean datagram) throws ProtocolException {
    byte[] b = message.getBytes(StandardCharsets.ISO_8859_1);
    return SipConnection.frame(b, b.length, datagram, "127.0.0.1:5060");
  }
}
