package org.xphonediag.stun;

/**
 * The state of MESSAGE-INTEGRITY or FINGERPRINT in a decoded STUN message (RFC 8489 §14.5,
 * §14.7): {@code valid}, {@code invalid}, {@code absent}, or {@code unverified} (integrity present
 * but no credentials were given).
 */
public enum Verification {
  VALID,
  INVALID,
  ABSENT,
  UNVERIFIED;

  /** The JSON name, lower case. */
  public String jsonName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
