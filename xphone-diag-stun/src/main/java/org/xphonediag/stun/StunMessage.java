package org.xphonediag.stun;

import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.Details;
import org.xphonediag.stun.internal.Attributes;

/**
 * A decoded STUN message (RFC 8489 §5): class, method, transaction id, attributes in wire order,
 * and the state of MESSAGE-INTEGRITY and FINGERPRINT. Immutable; produced by {@link StunDecoder}.
 */
public final class StunMessage {
  /** The method of Binding requests and responses (RFC 8489 §18.2). */
  public static final int BINDING = 0x001;

  private final StunClass messageClass;
  private final int method;
  private final byte[] transactionId;
  private final List<StunAttribute> attributes;
  private final Verification integrity;
  private final Verification fingerprint;

  /**
   * A message as decoded by {@link StunDecoder}.
   *
   * @param messageClass the class
   * @param method the 12-bit method
   * @param transactionId the 96-bit transaction id (12 bytes)
   * @param attributes attributes in wire order
   * @param integrity the state of MESSAGE-INTEGRITY
   * @param fingerprint the state of FINGERPRINT
   */
  StunMessage(StunClass messageClass, int method, byte[] transactionId, List<StunAttribute> attributes,
      Verification integrity, Verification fingerprint) {
    this.messageClass = Objects.requireNonNull(messageClass, "messageClass");
    this.method = method;
    if (transactionId.length != 12) {
      throw new IllegalArgumentException("transaction id must be 12 bytes but was " + transactionId.length);
    }
    this.transactionId = transactionId.clone();
    this.attributes = List.copyOf(attributes);
    this.integrity = Objects.requireNonNull(integrity, "integrity");
    this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
  }

  public StunClass messageClass() {
    return messageClass;
  }

  /** The 12-bit method, e.g. {@link #BINDING}. */
  public int method() {
    return method;
  }

  /** The method's JSON name, e.g. {@code binding}, or {@code 0x%03x} when unknown. */
  public String methodName() {
    return Attributes.methodName(method);
  }

  /** A copy of the 12-byte transaction id. */
  public byte[] transactionId() {
    return transactionId.clone();
  }

  /** The transaction id as 24 lower-case hex digits. */
  public String transactionIdHex() {
    return HexFormat.of().formatHex(transactionId);
  }

  /** Attributes in wire order. */
  public List<StunAttribute> attributes() {
    return attributes;
  }

  /** The first attribute of {@code type}. */
  public Optional<StunAttribute> attribute(int type) {
    return attributes.stream().filter(a -> a.type() == type).findFirst();
  }

  public Verification integrity() {
    return integrity;
  }

  public Verification fingerprint() {
    return fingerprint;
  }

  /**
   * The typed value of the first attribute of {@code type} when it is a {@code kind}, e.g. the
   * NONCE's text: {@code value(0x0015, AttributeValue.Text.class).map(AttributeValue.Text::text)}.
   */
  public <T extends AttributeValue> Optional<T> value(int type, Class<T> kind) {
    return attribute(type).map(StunAttribute::decoded).filter(kind::isInstance).map(kind::cast);
  }

  /** XOR-MAPPED-ADDRESS, else MAPPED-ADDRESS. */
  public Optional<InetSocketAddress> mappedAddress() {
    Optional<InetSocketAddress> x = address(Attributes.XOR_MAPPED_ADDRESS);
    return x.isPresent() ? x : address(Attributes.MAPPED_ADDRESS);
  }

  /** An address attribute (MAPPED-, XOR-MAPPED-, RESPONSE-ORIGIN, OTHER-ADDRESS ...), decoded. */
  public Optional<InetSocketAddress> address(int type) {
    return value(type, AttributeValue.Address.class).map(AttributeValue.Address::socketAddress);
  }

  /** The ERROR-CODE's number (e.g. 401). */
  public Optional<Integer> errorCode() {
    return value(Attributes.ERROR_CODE, AttributeValue.ErrorCode.class).map(AttributeValue.ErrorCode::code);
  }

  /** The ERROR-CODE's reason phrase. */
  public Optional<String> errorReason() {
    return value(Attributes.ERROR_CODE, AttributeValue.ErrorCode.class).map(AttributeValue.ErrorCode::reason);
  }

  /** SOFTWARE. */
  public Optional<String> software() {
    return value(Attributes.SOFTWARE, AttributeValue.Text.class).map(AttributeValue.Text::text);
  }

  /**
   * The message as plain details, the {@code stun-decode} data: {@code messageClass}, {@code method},
   * {@code transactionId}, {@code attributes}, {@code integrity}, {@code fingerprint}.
   */
  public Details toDetails() {
    return Details.builder()
        .put("messageClass", messageClass.jsonName())
        .put("method", methodName())
        .put("transactionId", transactionIdHex())
        .put("attributes", attributes.stream().map(StunAttribute::toDetails).toList())
        .put("integrity", integrity.jsonName())
        .put("fingerprint", fingerprint.jsonName())
        .build();
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s %s %s %s", methodName(), messageClass.jsonName(), transactionIdHex(),
        attributes);
  }
}
