package org.xphonediag.sip.sdp;

import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.Secret;

/**
 * One {@code a=} line (RFC 8866 §5.13): a name and an optional value. The value of
 * {@code ice-pwd} is never kept here (it reads {@value Secret#MASK}); see
 * {@link SessionDescription#icePwd()}.
 *
 * @param name the attribute name as written, e.g. {@code rtcp-mux}
 * @param value the text after the first colon, if any
 * @param line the 1-based line number in the SDP
 */
public record SdpAttribute(String name, Optional<String> value, int line) {

  /** Checks that no field is null. */
  public SdpAttribute {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }
}
