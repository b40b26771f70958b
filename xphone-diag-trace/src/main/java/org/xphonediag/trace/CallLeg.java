package org.xphonediag.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.Details;

/**
 * One SIP dialog of a capture, grouped by Call-ID (docs/field-guide.md#reading-a-trace): its role,
 * how the role was recognised, the call it belongs to, the first INVITE, its final status and its
 * messages.
 *
 * @param call 1-based number of the call this leg belongs to (legs 1 and 2 of one call share it)
 * @param callId the Call-ID
 * @param role loopback, xcc or other
 * @param identifiedBy why the role was given: {@code loopback-addresses}, {@code user-agent},
 *     {@code port-4900}, or {@code none}
 * @param userAgent the INVITE's User-Agent ("" when none or no INVITE)
 * @param invite the first INVITE, when one was captured
 * @param finalResponse the dialog's final status: the first final (>= 200) response of the last INVITE
 *     transaction (CSeq) that set the dialog up, so an INVITE answered 407 and sent again with
 *     credentials ends with the answer to the retry; re-INVITEs after a 2xx do not change it (RFC 3261
 *     §14, §17, §22.2); empty when no final response was captured
 * @param messages the dialog's messages in capture order (at most {@link #MAX_MESSAGES})
 * @param messageCount how many messages the dialog had, including any beyond the cap
 */
public record CallLeg(int call, String callId, LegRole role, String identifiedBy, String userAgent,
    Optional<SipMessage> invite, Optional<SipMessage> finalResponse, List<SipMessage> messages, int messageCount) {
  /** Messages kept per leg. */
  public static final int MAX_MESSAGES = 500;
  /** Messages of a leg in its {@link #toDetails() details} (the first ones). */
  public static final int REPORTED_MESSAGES = 50;

  public CallLeg {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(identifiedBy, "identifiedBy");
    Objects.requireNonNull(userAgent, "userAgent");
    Objects.requireNonNull(invite, "invite");
    Objects.requireNonNull(finalResponse, "finalResponse");
    messages = List.copyOf(messages);
  }

  /**
   * The leg as an element of {@code data.legs}: call, Call-ID, role, how it was recognised, User-Agent,
   * the INVITE's frame and addresses, the final status, and the first {@link #REPORTED_MESSAGES} messages.
   */
  public Details toDetails() {
    List<Details> msgs = new ArrayList<>();
    for (SipMessage m : messages.subList(0, Math.min(REPORTED_MESSAGES, messages.size()))) {
      msgs.add(Details.builder().put("frame", m.frame()).put("time", m.time()).put("source", m.source())
          .put("destination", m.destination()).put("message", m.summary()).put("sdp", m.sdp().isPresent()).build());
    }
    Details.Builder b = Details.builder().put("call", call).put("callId", callId).put("role", role)
        .put("identifiedBy", identifiedBy).put("userAgent", userAgent);
    invite.ifPresent(i -> b.put("inviteFrame", i.frame()).put("from", i.source()).put("to", i.destination())
        .put("transport", i.transport()));
    finalResponse.ifPresent(f -> b.put("finalStatus", f.statusCode()).put("finalReason", f.reason())
        .put("finalFrame", f.frame()));
    return b.put("messageCount", messageCount).put("messages", msgs).build();
  }
}
