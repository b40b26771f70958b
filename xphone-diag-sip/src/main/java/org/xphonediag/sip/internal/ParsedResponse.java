package org.xphonediag.sip.internal;

import gov.nist.javax.sip.header.Contact;
import gov.nist.javax.sip.header.RecordRoute;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ToHeader;

/**
 * What a probe needs of a SIP response (RFC 3261 §8.1.3, §12.1.2, §17.1.3): the status, the top
 * Via's branch, CSeq, Call-ID, the To tag, the Contact URI and the Record-Route values, read with
 * jain-sip's message parser. The probes use nothing else of jain-sip: no stack, no {@code SipFactory}.
 *
 * @param status the status code
 * @param reason the reason phrase, possibly empty
 * @param branch the top Via's branch parameter
 * @param cseq the CSeq number
 * @param method the CSeq method
 * @param callId the Call-ID
 * @param toTag the To header's tag, empty when none
 * @param contact the Contact URI, empty when none
 * @param recordRoutes the Record-Route values in order, each {@code <uri>;params}
 */
record ParsedResponse(int status, String reason, String branch, long cseq, String method, String callId, String toTag,
    Optional<String> contact, List<String> recordRoutes) {

  /** Reads responses; one per probe (jain-sip's parser is not thread-safe). */
  static final class Parser {
    private final StringMsgParser parser = new StringMsgParser();

    /**
     * The response in {@code message}, or empty for a request, a message jain-sip cannot read, or one
     * without a status line (code 100..699), top Via branch, CSeq or Call-ID (it cannot answer a probe's
     * request).
     */
    Optional<ParsedResponse> parse(byte[] message) {
      if (!startsWithVersion(message)) {
        // a request, a keep-alive, garbage; jain-sip would log (through log4j, absent here) for a
        // message of control characters only
        return Optional.empty();
      }
      SIPMessage m;
      try {
        // a header jain-sip rejects is dropped; the checks below refuse what a match needs
        m = parser.parseSIPMessage(message, true, false, (ex, msg, type, header, text) -> { });
      } catch (ParseException | RuntimeException e) {
        return Optional.empty();
      }
      if (!(m instanceof SIPResponse r) || r.getStatusLine() == null || r.getStatusCode() < 100
          || r.getStatusCode() > 699) {
        return Optional.empty();
      }
      Via via = r.getTopmostVia();
      CSeqHeader cseq = r.getCSeq();
      CallIdHeader callId = r.getCallId();
      if (via == null || via.getBranch() == null || cseq == null || cseq.getMethod() == null || callId == null) {
        return Optional.empty();
      }
      ToHeader to = r.getTo();
      String tag = to == null || to.getTag() == null ? "" : to.getTag();
      Contact contact = r.getContactHeader();
      Optional<String> target = contact != null && contact.getAddress() != null
          && contact.getAddress().getURI() != null ? Optional.of(contact.getAddress().getURI().toString())
          : Optional.empty();
      List<String> routes = new ArrayList<>();
      if (r.getRecordRouteHeaders() != null) {
        for (Object h : r.getRecordRouteHeaders()) {
          routes.add(((RecordRoute) h).encodeBody().strip());
        }
      }
      String reason = r.getReasonPhrase() == null ? "" : r.getReasonPhrase().strip();
      return Optional.of(new ParsedResponse(r.getStatusCode(), reason, via.getBranch(), cseq.getSeqNumber(),
          cseq.getMethod(), callId.getCallId(), tag, target, List.copyOf(routes)));
    }
  }

  private static boolean startsWithVersion(byte[] message) {
    byte[] version = {'S', 'I', 'P', '/', '2', '.', '0', ' '};
    if (message.length < version.length) {
      return false;
    }
    for (int i = 0; i < version.length; i++) {
      if (Character.toUpperCase(message[i]) != version[i]) {
        return false;
      }
    }
    return true;
  }

  /** True for 1xx. */
  boolean provisional() {
    return status < 200;
  }

  /** The first line as received, for logs. */
  String statusLine() {
    return "SIP/2.0 " + status + (reason.isEmpty() ? "" : " " + reason);
  }
}
