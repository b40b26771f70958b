/**
 * SIP-side diagnostics (docs/field-guide.md#reading-a-trace, #failure-patterns): {@link org.xphonediag.sip.SdpAnalyzer} reads an SDP's
 * candidates the way a support engineer reads a trace, {@link org.xphonediag.sip.SipClient} sends
 * OPTIONS or INVITE with its own short deadline and never leaves a call behind
 * ({@link org.xphonediag.sip.SipRequestCheck} runs it as a check whose outcome is the
 * {@link org.xphonediag.sip.SipAnswer}); the loopback SIP
 * peer for tests is the testkit's {@code org.xphonediag.testkit.sip.SipResponder}. No jain-sip type
 * appears in this API.
 */
package org.xphonediag.sip;
