package org.xphonediag.stun;

import java.util.Locale;
import java.util.Objects;
import org.xphonediag.core.Details;

/**
 * One attribute of a decoded STUN message (RFC 8489 §14): its type, IANA name, byte offset in
 * the message, raw value (padding excluded) and its typed {@link AttributeValue} (an address, an
 * error code, a text, a number ...). Types the decoder does not know keep only the raw value
 * ({@link AttributeValue.Raw}). Immutable; produced by {@link StunDecoder}.
 */
public final class StunAttribute {
  private final int type;
  private final String name;
  private final int offset;
  private final byte[] value;
  private final AttributeValue decoded;

  /**
   * @param type the 16-bit attribute type
   * @param name the IANA name, e.g. {@code XOR-MAPPED-ADDRESS}, or {@code 0x%04X} when unknown
   * @param offset the byte offset of the attribute header in the message
   * @param value the value bytes without padding
   * @param decoded the typed value; {@link AttributeValue.Raw} for types without a decoder
   */
  StunAttribute(int type, String name, int offset, byte[] value, AttributeValue decoded) {
    this.type = type;
    this.name = Objects.requireNonNull(name, "name");
    this.offset = offset;
    this.value = value.clone();
    this.decoded = Objects.requireNonNull(decoded, "decoded");
  }

  /** The 16-bit type. */
  public int type() {
    return type;
  }

  /** The IANA name, e.g. {@code XOR-MAPPED-ADDRESS}. */
  public String name() {
    return name;
  }

  /** The JSON name: lower case with hyphens, e.g. {@code xor-mapped-address}. */
  public String jsonName() {
    return name.toLowerCase(Locale.ROOT);
  }

  /** True for comprehension-optional types (0x8000-0xFFFF). */
  public boolean isComprehensionOptional() {
    return (type & 0x8000) != 0;
  }

  /** Byte offset of the attribute's header from the start of the message. */
  public int offset() {
    return offset;
  }

  /** A copy of the value bytes (padding excluded). */
  public byte[] value() {
    return value.clone();
  }

  /** The value length in bytes. */
  public int length() {
    return value.length;
  }

  /**
   * The typed value: an {@link AttributeValue.Address}, an {@link AttributeValue.ErrorCode}, a
   * {@link AttributeValue.Text} ... or {@link AttributeValue.Raw} for types without a decoder.
   */
  public AttributeValue decoded() {
    return decoded;
  }

  /** Type, name, offset, length, decoded fields (or the raw value as hex) as plain details. */
  public Details toDetails() {
    return Details.builder()
        .put("type", jsonName())
        .put("name", name)
        .put("code", String.format(Locale.ROOT, "0x%04x", type))
        .put("offset", offset)
        .put("length", value.length)
        .putAll(decoded.details())
        .build();
  }

  @Override
  public String toString() {
    return name + "@" + offset + (decoded instanceof AttributeValue.Raw ? "" : decoded.details().toString());
  }
}
