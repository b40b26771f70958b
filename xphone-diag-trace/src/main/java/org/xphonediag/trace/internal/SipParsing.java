package org.xphonediag.trace.internal;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.Header;
import org.xphonediag.trace.Packet;
import org.xphonediag.trace.SipMessage;

/**
 * The one adapter to jain-sip's message parser (DEPENDENCIES.md "jain-sip-ri"): parses captured
 * bytes with a {@link ParseExceptionListener} so that rejected headers become problems of the
 * message instead of vanishing. A message the parser refuses entirely is still returned, filled
 * from a plain scan of its start line and Call-ID. Not thread-safe (one parser per instance).
 */
public final class SipParsing {
  private static final int MAX_PROBLEMS = 16;
  private final StringMsgParser parser = new StringMsgParser();
  private long unparsable;

  /** Parses {@code len} bytes at {@code off} of {@code buf}, seen in {@code packet}. */
  public SipMessage parse(Packet packet, byte[] buf, int off, int len) {
    byte[] bytes = Arrays.copyOfRange(buf, off, off + len);
    List<String> problems = new ArrayList<>();
    ParseExceptionListener listener = (ex, msg, headerClass, headerText, messageText) -> {
      if (problems.size() < MAX_PROBLEMS) {
        String h = headerText == null ? "" : headerText.strip();
        problems.add(String.format(Locale.ROOT, "frame %d: header '%s' rejected: %s", packet.frame().number(),
            h.length() > 120 ? h.substring(0, 120) + "..." : h, ex.getMessage()));
      }
    };
    SIPMessage m;
    try {
      m = parser.parseSIPMessage(bytes, true, false, listener);
    } catch (ParseException | RuntimeException e) {
      m = null;
      problems.add(String.format(Locale.ROOT, "frame %d: SIP message unreadable: %s", packet.frame().number(),
          e.getMessage()));
    }
    if (m instanceof SIPResponse r && r.getStatusLine() == null
        || m instanceof SIPRequest q && q.getRequestLine() == null) {
      // jain-sip returns a message without its first line when it rejected that line
      problems.add(String.format(Locale.ROOT, "frame %d: SIP start line unreadable", packet.frame().number()));
      m = null;
    }
    if (m == null) {
      unparsable++;
      return fallback(packet, bytes, problems);
    }
    boolean request = m instanceof SIPRequest;
    String method = "";
    int status = 0;
    String reason = "";
    CSeqHeader cseq = m.getCSeq();
    if (m instanceof SIPRequest r) {
      method = nz(r.getMethod());
    } else if (m instanceof SIPResponse r) {
      status = r.getStatusCode();
      reason = nz(r.getReasonPhrase());
      method = cseq == null ? "" : nz(cseq.getMethod());
    }
    CallIdHeader callId = m.getCallId();
    Header ua = m.getHeader(request ? "User-Agent" : "Server");
    String contentType = m.getContentTypeHeader() == null ? ""
        : (m.getContentTypeHeader().getContentType() + "/" + m.getContentTypeHeader().getContentSubType())
            .toLowerCase(Locale.ROOT);
    byte[] raw = m.getRawContent();
    String body = raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
    return new SipMessage(packet.frame().number(), packet.frame().epochNanos(), packet.transport(),
        packet.sourceEndpoint(), packet.destinationEndpoint(), request, method, status, reason,
        callId == null ? "" : nz(callId.getCallId()), cseq == null ? -1 : cseq.getSeqNumber(),
        ua instanceof gov.nist.javax.sip.header.SIPHeader h ? nz(h.getHeaderValue()).strip() : "",
        contentType, body, problems);
  }

  private SipMessage fallback(Packet packet, byte[] bytes, List<String> problems) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    String[] lines = text.split("\r?\n", 200);
    String first = lines.length > 0 ? lines[0] : "";
    boolean request = !first.startsWith("SIP/2.0 ");
    String method = "";
    int status = 0;
    String reason = "";
    String[] parts = first.split(" ", 3);
    if (request) {
      method = parts[0];
    } else if (parts.length >= 2) {
      try {
        status = Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        status = 0;
      }
      reason = parts.length > 2 ? parts[2] : "";
    }
    String callId = "";
    for (String l : lines) {
      int c = l.indexOf(':');
      if (c > 0) {
        String name = l.substring(0, c).strip();
        if (name.equalsIgnoreCase("Call-ID") || name.equals("i")) {
          callId = l.substring(c + 1).strip();
          break;
        }
      }
      if (l.isEmpty()) {
        break;
      }
    }
    return new SipMessage(packet.frame().number(), packet.frame().epochNanos(), packet.transport(),
        packet.sourceEndpoint(), packet.destinationEndpoint(), request, method, status, reason, callId, -1, "", "",
        "", problems);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  /** Messages the parser could not read at all. */
  public long unparsable() {
    return unparsable;
  }
}
