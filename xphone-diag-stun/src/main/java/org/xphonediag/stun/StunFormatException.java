package org.xphonediag.stun;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Bytes that are not a well-formed STUN message (RFC 8489 §5, §14): the message names the
 * attribute (or the header), the byte offset from the start of the message and what was
 * expected, e.g. {@code attribute XOR-MAPPED-ADDRESS at offset 20: length must be 8 or 20 but was 6}.
 */
public final class StunFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String attribute;
  private final int offset;
  private final String problem;

  /**
   * @param attribute the attribute's IANA name, or {@code null} for the message header
   * @param offset byte offset of the attribute (or header field) from the start of the message
   * @param problem what was expected and what was found
   */
  public StunFormatException(String attribute, int offset, String problem) {
    super(format(attribute, offset, problem));
    this.attribute = attribute;
    this.offset = offset;
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  private static String format(String attribute, int offset, String problem) {
    String where = attribute == null ? "STUN header" : "attribute " + attribute;
    return String.format(Locale.ROOT, "%s at offset %d: %s", where, offset, problem);
  }

  /** The attribute's IANA name; empty when the header is at fault. */
  public Optional<String> attribute() {
    return Optional.ofNullable(attribute);
  }

  /** Byte offset from the start of the message. */
  public int offset() {
    return offset;
  }

  /** What was expected and what was found, without the location. */
  public String problem() {
    return problem;
  }
}
