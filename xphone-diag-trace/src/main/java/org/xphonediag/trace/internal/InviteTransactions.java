package org.xphonediag.trace.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xphonediag.trace.SipMessage;

/**
 * The INVITE transactions of one dialog (RFC 3261 §17, told apart by CSeq number), in the order
 * they appear: each with its request (when captured) and its first final response. The dialog's
 * final status is that of the last transaction up to the first one answered 2xx: an INVITE
 * challenged with 401/407 and sent again with credentials (a new CSeq, §22.2) ends with whatever
 * answered the retry. Transactions after that 2xx are re-INVITEs (§14): their failure leaves the
 * session as it was. Stateless.
 */
public final class InviteTransactions {
  private InviteTransactions() {}

  /**
   * One INVITE transaction.
   *
   * @param cseq its CSeq number (-1 when the messages had none)
   * @param request the INVITE, when captured
   * @param finalResponse its first final (>= 200) response, when captured
   * @param reInvite true when a 2xx of an earlier transaction had established the dialog
   */
  public record Transaction(long cseq, Optional<SipMessage> request, Optional<SipMessage> finalResponse,
      boolean reInvite) {}

  /** The transactions of {@code messages} (one dialog, capture order). */
  public static List<Transaction> of(List<SipMessage> messages) {
    Map<Long, SipMessage[]> byCseq = new LinkedHashMap<>();
    for (SipMessage m : messages) {
      if (!m.method().equals("INVITE")) {
        continue;
      }
      SipMessage[] t = byCseq.computeIfAbsent(m.cseq(), c -> new SipMessage[2]);
      if (m.request()) {
        if (t[0] == null) {
          t[0] = m;
        }
      } else if (m.statusCode() >= 200 && t[1] == null) {
        t[1] = m;
      }
    }
    List<Transaction> out = new ArrayList<>();
    boolean established = false;
    for (Map.Entry<Long, SipMessage[]> e : byCseq.entrySet()) {
      SipMessage[] t = e.getValue();
      out.add(new Transaction(e.getKey(), Optional.ofNullable(t[0]), Optional.ofNullable(t[1]), established));
      if (t[1] != null && t[1].statusCode() < 300) {
        established = true;
      }
    }
    return out;
  }

  /**
   * The dialog's final response: the final response of the last transaction that is not a
   * re-INVITE and has one; empty when none was captured.
   */
  public static Optional<SipMessage> dialogFinal(List<Transaction> transactions) {
    Optional<SipMessage> last = Optional.empty();
    for (Transaction t : transactions) {
      if (t.reInvite()) {
        break;
      }
      if (t.finalResponse().isPresent()) {
        last = t.finalResponse();
      }
    }
    return last;
  }
}
