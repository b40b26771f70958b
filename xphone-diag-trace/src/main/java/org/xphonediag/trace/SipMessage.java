package org.xphonediag.trace;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.core.net.Transport;

/**
 * A SIP message seen in a capture (RFC 3261 §7), parsed with jain-sip's message parser. Headers
 * the parser rejected are listed in {@link #problems()} rather than silently dropped; a message
 * the parser could not read at all keeps what a plain scan found (start line, Call-ID).
 *
 * @param frame frame number (for TCP: the segment that completed the message)
 * @param epochNanos capture time of that frame
 * @param transport UDP or TCP
 * @param source sender
 * @param destination receiver
 * @param request true for a request, false for a response
 * @param method the request method, or for a response the CSeq method ("" when unknown)
 * @param statusCode the response status code, 0 for requests
 * @param reason the response reason phrase, "" for requests
 * @param callId the Call-ID, "" when missing
 * @param cseq the CSeq number, -1 when missing
 * @param userAgent the User-Agent (requests) or Server header (responses) value, "" when missing
 * @param contentType the Content-Type value in lower case, "" when none
 * @param body the body as text (UTF-8), "" when none
 * @param problems parse problems: rejected headers, an unreadable start line
 */
public record SipMessage(long frame, long epochNanos, Transport transport, HostAndPort source,
    HostAndPort destination, boolean request, String method, int statusCode, String reason, String callId,
    long cseq, String userAgent, String contentType, String body, List<String> problems) implements TraceMessage {

  public SipMessage {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(userAgent, "userAgent");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    problems = List.copyOf(problems);
  }

  /** The SDP body (for the later candidate analysis, docs/field-guide.md#reading-a-trace), when the body is SDP. */
  public Optional<String> sdp() {
    if (body.isEmpty()) {
      return Optional.empty();
    }
    if (contentType.startsWith("application/sdp") || contentType.isEmpty() && body.startsWith("v=0")) {
      return Optional.of(body);
    }
    return Optional.empty();
  }

  /** For people: {@code INVITE} or {@code 403 Forbidden}. */
  public String summary() {
    if (request) {
      return method.isEmpty() ? "(unreadable request)" : method;
    }
    return (statusCode + " " + reason).strip() + (method.isEmpty() ? "" : " (" + method + ")");
  }

  /** True for a response to an INVITE with the given status code. */
  public boolean isInviteResponse(int code) {
    return !request && statusCode == code && method.toUpperCase(Locale.ROOT).equals("INVITE");
  }
}
