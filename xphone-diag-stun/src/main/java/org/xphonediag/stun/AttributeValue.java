package org.xphonediag.stun;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.xphonediag.core.Details;
import org.xphonediag.core.net.IpAddress;
import org.xphonediag.stun.internal.Attributes;

/**
 * The decoded value of one STUN attribute (RFC 8489 §14, RFC 8445 §16.1, RFC 5780 §7, RFC 8656
 * §18): an address, an error code, a text, a number, a flag ... or, for types the decoder does not
 * know, the raw bytes. Code reads the typed fields; {@link #details()} gives the same fields as plain
 * details for the report writers. Immutable.
 *
 * <pre>{@code
 * Optional<Integer> code = message.value(0x0009, AttributeValue.ErrorCode.class).map(AttributeValue.ErrorCode::code);
 * for (StunAttribute a : message.attributes()) {
 *   if (a.decoded() instanceof AttributeValue.Address address) { ... address.socketAddress() ... }
 * }
 * }</pre>
 */
public sealed interface AttributeValue {

  /** The fields as plain details, the attribute's part of the {@code stun-decode} data. */
  Details details();

  /**
   * A transport address: MAPPED-ADDRESS, XOR-MAPPED-ADDRESS (already un-XORed), RESPONSE-ORIGIN,
   * OTHER-ADDRESS, ALTERNATE-SERVER, XOR-PEER-ADDRESS, XOR-RELAYED-ADDRESS. The family is the
   * attribute's: an IPv4-mapped IPv6 address stays IPv6 here.
   */
  record Address(IpAddress ip, int port) implements AttributeValue {
    public Address {
      Objects.requireNonNull(ip, "ip");
      if (port < 0 || port > 0xffff) {
        throw new IllegalArgumentException("port must be 0..65535 but was " + port);
      }
    }

    /** {@code ipv4} or {@code ipv6}: the family field of the attribute. */
    public String family() {
      return ip.isIpv4() ? "ipv4" : "ipv6";
    }

    /** The address as a socket address (an IPv4-mapped IPv6 address becomes the IPv4 address). */
    public InetSocketAddress socketAddress() {
      return new InetSocketAddress(ip.toInetAddress(), port);
    }

    @Override
    public Details details() {
      return Details.of("family", family(), "address", ip.toString(), "port", port);
    }
  }

  /** ERROR-CODE: the number (300..699) and the reason phrase. */
  record ErrorCode(int code, String reason) implements AttributeValue {
    public ErrorCode {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public Details details() {
      return Details.of("errorCode", code, "reason", reason);
    }
  }

  /** A UTF-8 text: USERNAME, REALM, NONCE, SOFTWARE, ALTERNATE-DOMAIN. */
  record Text(String text) implements AttributeValue {
    public Text {
      Objects.requireNonNull(text, "text");
    }

    @Override
    public Details details() {
      return Details.of("text", text);
    }
  }

  /** PRIORITY (RFC 8445 §16.1): the candidate priority, an unsigned 32-bit number. */
  record Priority(long priority) implements AttributeValue {
    @Override
    public Details details() {
      return Details.of("priority", priority);
    }
  }

  /** LIFETIME (RFC 8656 §18.2): the allocation's lifetime in seconds, an unsigned 32-bit number. */
  record Lifetime(long seconds) implements AttributeValue {
    /** The lifetime as a duration. */
    public Duration duration() {
      return Duration.ofSeconds(seconds);
    }

    @Override
    public Details details() {
      return Details.of("seconds", seconds);
    }
  }

  /** CHANNEL-NUMBER (RFC 8656 §18.1): the channel, 16 bits. */
  record ChannelNumber(int channel) implements AttributeValue {
    @Override
    public Details details() {
      return Details.of("channel", channel);
    }
  }

  /** REQUESTED-TRANSPORT (RFC 8656 §18.7): the IP protocol number (17 for UDP). */
  record RequestedTransport(int protocol) implements AttributeValue {
    @Override
    public Details details() {
      return Details.of("protocol", protocol);
    }
  }

  /** RESPONSE-PORT (RFC 5780 §7.5): the port the response is to be sent to. */
  record ResponsePort(int port) implements AttributeValue {
    @Override
    public Details details() {
      return Details.of("port", port);
    }
  }

  /** ICE-CONTROLLING or ICE-CONTROLLED (RFC 8445 §16.1): the 64-bit tie-breaker, printed as 16 hex digits. */
  record TieBreaker(long value) implements AttributeValue {
    /** The tie-breaker as 16 lower-case hex digits. */
    public String hex() {
      return String.format(Locale.ROOT, "%016x", value);
    }

    @Override
    public Details details() {
      return Details.of("tieBreaker", hex());
    }
  }

  /** MESSAGE-INTEGRITY or MESSAGE-INTEGRITY-SHA256: the HMAC as received. */
  record Hmac(byte[] hmac) implements AttributeValue {
    public Hmac {
      hmac = hmac.clone();
    }

    /** A copy of the HMAC bytes. */
    @Override
    public byte[] hmac() {
      return hmac.clone();
    }

    @Override
    public Details details() {
      return Details.of("hmac", HexFormat.of().formatHex(hmac));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Hmac h && Arrays.equals(h.hmac, hmac);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(hmac);
    }

    @Override
    public String toString() {
      return "Hmac[" + HexFormat.of().formatHex(hmac) + "]";
    }
  }

  /** FINGERPRINT (RFC 8489 §14.7): the CRC-32 as received. */
  record Fingerprint(long crc) implements AttributeValue {
    @Override
    public Details details() {
      return Details.of("crc", String.format(Locale.ROOT, "0x%08x", crc));
    }
  }

  /** CHANGE-REQUEST (RFC 5780 §7.2): the change-IP and change-port flags. */
  record ChangeRequest(boolean changeIp, boolean changePort) implements AttributeValue {
    @Override
    public Details details() {
      return Details.of("changeIp", changeIp, "changePort", changePort);
    }
  }

  /** An attribute whose presence is its value: USE-CANDIDATE (RFC 8445 §16.1). */
  record Flag() implements AttributeValue {
    @Override
    public Details details() {
      return Details.of("flag", true);
    }
  }

  /** UNKNOWN-ATTRIBUTES (RFC 8489 §14.9): the 16-bit types the peer did not understand, in order. */
  record UnknownAttributes(List<Integer> types) implements AttributeValue {
    public UnknownAttributes {
      types = List.copyOf(types);
    }

    /** The IANA names of {@link #types()}, {@code 0x%04X} for unknown ones. */
    public List<String> names() {
      return types.stream().map(Attributes::name).toList();
    }

    @Override
    public Details details() {
      return Details.of("types", names());
    }
  }

  /**
   * The value of a type the decoder does not interpret (an unknown type, DATA, EVEN-PORT,
   * PADDING ...): the bytes as received, padding excluded, shown as hex.
   */
  record Raw(byte[] bytes) implements AttributeValue {
    public Raw {
      bytes = bytes.clone();
    }

    /** A copy of the value bytes. */
    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public Details details() {
      return Details.of("value", HexFormat.of().formatHex(bytes));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Raw r && Arrays.equals(r.bytes, bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "Raw[" + HexFormat.of().formatHex(bytes) + "]";
    }
  }
}
