package org.xphonediag.stun;

import java.util.Locale;
import java.util.Optional;
import org.xphonediag.core.InputException;
import org.xphonediag.core.SourceLocation;

/**
 * Bytes that are not a well-formed STUN message (RFC 8489 §5, §14): an {@link InputException} whose
 * {@link #location()} is the byte offset from the start of the message with the attribute's IANA
 * name (or {@code header}) as its path, and whose reason says what was expected. The message keeps
 * the form of STUN decoders, e.g.
 * {@code attribute XOR-MAPPED-ADDRESS at offset 20: length must be 8 or 20 but was 6}.
 */
public final class StunFormatException extends InputException {
  private static final long serialVersionUID = 1L;
  /** The source named by {@link #location()}. */
  public static final String SOURCE = "STUN message";

  private final String attribute;
  private final int offset;

  /**
   * @param attribute the attribute's IANA name, or {@code null} for the message header
   * @param offset byte offset of the attribute (or header field) from the start of the message
   * @param problem what was expected and what was found
   */
  public StunFormatException(String attribute, int offset, String problem) {
    super(SourceLocation.atOffset(SOURCE, offset).withPath(attribute == null ? "header" : attribute), problem);
    this.attribute = attribute;
    this.offset = offset;
  }

  /** {@code attribute NAME at offset N: REASON}, or {@code STUN header at offset N: REASON}. */
  @Override
  public String getMessage() {
    String where = attribute == null ? "STUN header" : "attribute " + attribute;
    return String.format(Locale.ROOT, "%s at offset %d: %s", where, offset, reason());
  }

  /** The attribute's IANA name; empty when the header is at fault. */
  public Optional<String> attribute() {
    return Optional.ofNullable(attribute);
  }

  /** Byte offset from the start of the message. */
  public int offset() {
    return offset;
  }

  /** What was expected and what was found, without the location (the same as {@link #reason()}). */
  public String problem() {
    return reason();
  }
}
