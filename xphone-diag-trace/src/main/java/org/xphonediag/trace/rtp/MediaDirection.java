package org.xphonediag.trace.rtp;

import java.util.Locale;

/**
 * The SDP media direction attribute of one side (RFC 8866 §6.7): whether that side sends, receives,
 * both or neither. A call on hold is {@link #SENDONLY}/{@link #RECVONLY} or {@link #INACTIVE}.
 */
public enum MediaDirection {
  SENDRECV, SENDONLY, RECVONLY, INACTIVE;

  /** True when the side declaring this direction sends media. */
  public boolean sends() {
    return this == SENDRECV || this == SENDONLY;
  }

  /** True when the side declaring this direction expects to receive media. */
  public boolean receives() {
    return this == SENDRECV || this == RECVONLY;
  }

  /** The attribute name, e.g. {@code sendrecv}; SDP's default when absent is {@link #SENDRECV}. */
  public String attribute() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses an attribute name case-insensitively ({@code sendrecv}, {@code sendonly}, ...). */
  public static MediaDirection parse(String attribute) {
    for (MediaDirection d : values()) {
      if (d.attribute().equalsIgnoreCase(attribute.strip())) {
        return d;
      }
    }
    throw new IllegalArgumentException("media direction must be sendrecv, sendonly, recvonly or inactive but was "
        + attribute);
  }
}
