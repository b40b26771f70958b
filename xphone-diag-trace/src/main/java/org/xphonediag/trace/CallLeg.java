package org.xphonediag.trace;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One SIP dialog of a capture, grouped by Call-ID (docs/field-guide.md#reading-a-trace): its role, how the role was
 * recognised, the call it belongs to, the first INVITE, its final answer and its messages.
 *
 * @param call 1-based number of the call this leg belongs to (legs 1 and 2 of one call share it)
 * @param callId the Call-ID
 * @param role loopback, xcc or other
 * @param identifiedBy why the role was given: {@code loopback-addresses}, {@code user-agent},
 *     {@code port-4900}, or {@code none}
 * @param userAgent the INVITE's User-Agent ("" when none or no INVITE)
 * @param invite the first INVITE, when one was captured
 * @param finalResponse the first final (>= 200) response to the INVITE, when captured
 * @param messages the dialog's messages in capture order (at most {@link #MAX_MESSAGES})
 * @param messageCount how many messages the dialog had, including any beyond the cap
 */
public record CallLeg(int call, String callId, LegRole role, String identifiedBy, String userAgent,
    Optional<SipMessage> invite, Optional<SipMessage> finalResponse, List<SipMessage> messages, int messageCount) {
  /** Messages kept per leg. */
  public static final int MAX_MESSAGES = 500;

  public CallLeg {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(identifiedBy, "identifiedBy");
    Objects.requireNonNull(userAgent, "userAgent");
    Objects.requireNonNull(invite, "invite");
    Objects.requireNonNull(finalResponse, "finalResponse");
    messages = List.copyOf(messages);
  }
}
