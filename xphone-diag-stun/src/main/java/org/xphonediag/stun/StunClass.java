package org.xphonediag.stun;

/**
 * The class of a STUN message, the two C bits of its type (RFC 8489 §5). Written in JSON as
 * {@code request}, {@code indication}, {@code success-response}, {@code error-response}.
 */
public enum StunClass {
  REQUEST,
  INDICATION,
  SUCCESS_RESPONSE,
  ERROR_RESPONSE;

  /** The class from its two-bit code (C1 C0). */
  public static StunClass ofBits(int bits) {
    return values()[bits & 3];
  }

  /** The two-bit code (C1 C0). */
  public int bits() {
    return ordinal();
  }

  /** True for success and error responses. */
  public boolean isResponse() {
    return this == SUCCESS_RESPONSE || this == ERROR_RESPONSE;
  }

  /** The JSON name, e.g. {@code success-response}. */
  public String jsonName() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
