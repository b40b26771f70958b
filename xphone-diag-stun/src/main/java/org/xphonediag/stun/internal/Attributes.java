package org.xphonediag.stun.internal;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xphonediag.core.net.IpAddress;
import org.xphonediag.stun.AttributeValue;
import org.xphonediag.stun.StunFormatException;

/**
 * Attribute types, their IANA names and value decoders (RFC 8489 §14, RFC 8445 §16.1, RFC 5780
 * §7, RFC 8656 §18). Stateless.
 */
public final class Attributes {
  public static final int MAPPED_ADDRESS = 0x0001;
  /** TURN attributes (RFC 8656 §18). */
  public static final int CHANNEL_NUMBER = 0x000C;
  public static final int LIFETIME = 0x000D;
  public static final int XOR_PEER_ADDRESS = 0x0012;
  public static final int DATA = 0x0013;
  public static final int XOR_RELAYED_ADDRESS = 0x0016;
  public static final int REQUESTED_ADDRESS_FAMILY = 0x0017;
  public static final int EVEN_PORT = 0x0018;
  public static final int REQUESTED_TRANSPORT = 0x0019;
  public static final int DONT_FRAGMENT = 0x001A;
  public static final int RESERVATION_TOKEN = 0x0022;
  public static final int CHANGE_REQUEST = 0x0003;
  public static final int USERNAME = 0x0006;
  public static final int MESSAGE_INTEGRITY = 0x0008;
  public static final int ERROR_CODE = 0x0009;
  public static final int UNKNOWN_ATTRIBUTES = 0x000A;
  public static final int REALM = 0x0014;
  public static final int NONCE = 0x0015;
  public static final int MESSAGE_INTEGRITY_SHA256 = 0x001C;
  public static final int PASSWORD_ALGORITHM = 0x001D;
  public static final int USERHASH = 0x001E;
  public static final int XOR_MAPPED_ADDRESS = 0x0020;
  public static final int PRIORITY = 0x0024;
  public static final int USE_CANDIDATE = 0x0025;
  public static final int PADDING = 0x0026;
  public static final int RESPONSE_PORT = 0x0027;
  public static final int PASSWORD_ALGORITHMS = 0x8002;
  public static final int ALTERNATE_DOMAIN = 0x8003;
  public static final int SOFTWARE = 0x8022;
  public static final int ALTERNATE_SERVER = 0x8023;
  public static final int FINGERPRINT = 0x8028;
  public static final int ICE_CONTROLLED = 0x8029;
  public static final int ICE_CONTROLLING = 0x802A;
  public static final int RESPONSE_ORIGIN = 0x802B;
  public static final int OTHER_ADDRESS = 0x802C;

  /** The magic cookie (RFC 8489 §5). */
  public static final int MAGIC_COOKIE = 0x2112A442;

  private static final Map<Integer, String> NAMES = Map.ofEntries(
      Map.entry(MAPPED_ADDRESS, "MAPPED-ADDRESS"), Map.entry(CHANGE_REQUEST, "CHANGE-REQUEST"),
      Map.entry(USERNAME, "USERNAME"), Map.entry(MESSAGE_INTEGRITY, "MESSAGE-INTEGRITY"),
      Map.entry(ERROR_CODE, "ERROR-CODE"), Map.entry(UNKNOWN_ATTRIBUTES, "UNKNOWN-ATTRIBUTES"),
      Map.entry(REALM, "REALM"), Map.entry(NONCE, "NONCE"),
      Map.entry(MESSAGE_INTEGRITY_SHA256, "MESSAGE-INTEGRITY-SHA256"),
      Map.entry(PASSWORD_ALGORITHM, "PASSWORD-ALGORITHM"), Map.entry(USERHASH, "USERHASH"),
      Map.entry(XOR_MAPPED_ADDRESS, "XOR-MAPPED-ADDRESS"), Map.entry(PRIORITY, "PRIORITY"),
      Map.entry(USE_CANDIDATE, "USE-CANDIDATE"), Map.entry(PADDING, "PADDING"),
      Map.entry(RESPONSE_PORT, "RESPONSE-PORT"), Map.entry(PASSWORD_ALGORITHMS, "PASSWORD-ALGORITHMS"),
      Map.entry(ALTERNATE_DOMAIN, "ALTERNATE-DOMAIN"), Map.entry(SOFTWARE, "SOFTWARE"),
      Map.entry(ALTERNATE_SERVER, "ALTERNATE-SERVER"), Map.entry(FINGERPRINT, "FINGERPRINT"),
      Map.entry(ICE_CONTROLLED, "ICE-CONTROLLED"), Map.entry(ICE_CONTROLLING, "ICE-CONTROLLING"),
      Map.entry(RESPONSE_ORIGIN, "RESPONSE-ORIGIN"), Map.entry(OTHER_ADDRESS, "OTHER-ADDRESS"),
      Map.entry(CHANNEL_NUMBER, "CHANNEL-NUMBER"), Map.entry(LIFETIME, "LIFETIME"),
      Map.entry(XOR_PEER_ADDRESS, "XOR-PEER-ADDRESS"), Map.entry(DATA, "DATA"),
      Map.entry(XOR_RELAYED_ADDRESS, "XOR-RELAYED-ADDRESS"),
      Map.entry(REQUESTED_ADDRESS_FAMILY, "REQUESTED-ADDRESS-FAMILY"), Map.entry(EVEN_PORT, "EVEN-PORT"),
      Map.entry(REQUESTED_TRANSPORT, "REQUESTED-TRANSPORT"), Map.entry(DONT_FRAGMENT, "DONT-FRAGMENT"),
      Map.entry(RESERVATION_TOKEN, "RESERVATION-TOKEN"));

  private Attributes() {}

  /** The IANA name of {@code type}, or {@code 0x%04X} when unknown. */
  public static String name(int type) {
    String n = NAMES.get(type);
    return n != null ? n : String.format(Locale.ROOT, "0x%04X", type);
  }

  /** The JSON name of a method. */
  public static String methodName(int method) {
    switch (method) {
      case 0x001: return "binding";
      case 0x003: return "allocate";
      case 0x004: return "refresh";
      case 0x006: return "send";
      case 0x007: return "data";
      case 0x008: return "create-permission";
      case 0x009: return "channel-bind";
      default: return String.format(Locale.ROOT, "0x%03x", method);
    }
  }

  /**
   * Decodes the value of an attribute into its typed value; types without a decoder give
   * {@link AttributeValue.Raw}.
   *
   * @param txid the transaction id (the XOR key of XOR-MAPPED-ADDRESS for IPv6)
   * @throws StunFormatException when the value does not fit the type
   */
  public static AttributeValue decode(int type, byte[] v, int offset, byte[] txid) throws StunFormatException {
    String name = name(type);
    switch (type) {
      case MAPPED_ADDRESS, RESPONSE_ORIGIN, OTHER_ADDRESS, ALTERNATE_SERVER:
        return address(name, v, offset, false, txid);
      case XOR_MAPPED_ADDRESS, XOR_PEER_ADDRESS, XOR_RELAYED_ADDRESS:
        return address(name, v, offset, true, txid);
      case LIFETIME:
        exact(name, v, offset, 4);
        return new AttributeValue.Lifetime(u32(v, 0));
      case REQUESTED_TRANSPORT:
        exact(name, v, offset, 4);
        return new AttributeValue.RequestedTransport(v[0] & 0xff);
      case CHANNEL_NUMBER:
        exact(name, v, offset, 4);
        return new AttributeValue.ChannelNumber(((v[0] & 0xff) << 8) | (v[1] & 0xff));
      case USERNAME, REALM, NONCE, SOFTWARE, ALTERNATE_DOMAIN:
        return new AttributeValue.Text(text(name, v, offset));
      case ERROR_CODE: {
        if (v.length < 4) {
          throw new StunFormatException(name, offset, "length must be at least 4 but was " + v.length);
        }
        int cls = v[2] & 0x07;
        int number = v[3] & 0xff;
        if (cls < 3 || cls > 6 || number > 99) {
          throw new StunFormatException(name, offset + 6,
              "class must be 3..6 and number 0..99 but were " + cls + " and " + number);
        }
        byte[] reason = Arrays.copyOfRange(v, 4, v.length);
        return new AttributeValue.ErrorCode(cls * 100 + number, text(name, reason, offset + 8));
      }
      case MESSAGE_INTEGRITY:
        exact(name, v, offset, 20);
        return new AttributeValue.Hmac(v);
      case MESSAGE_INTEGRITY_SHA256:
        if (v.length < 16 || v.length > 32 || v.length % 4 != 0) {
          throw new StunFormatException(name, offset, "length must be 16..32 and a multiple of 4 but was " + v.length);
        }
        return new AttributeValue.Hmac(v);
      case FINGERPRINT:
        exact(name, v, offset, 4);
        return new AttributeValue.Fingerprint(u32(v, 0));
      case PRIORITY:
        exact(name, v, offset, 4);
        return new AttributeValue.Priority(u32(v, 0));
      case CHANGE_REQUEST:
        exact(name, v, offset, 4);
        return new AttributeValue.ChangeRequest((v[3] & 0x04) != 0, (v[3] & 0x02) != 0);
      case ICE_CONTROLLING, ICE_CONTROLLED: {
        exact(name, v, offset, 8);
        return new AttributeValue.TieBreaker((u32(v, 0) << 32) | u32(v, 4));
      }
      case USE_CANDIDATE:
        exact(name, v, offset, 0);
        return new AttributeValue.Flag();
      case RESPONSE_PORT:
        exact(name, v, offset, 4);
        return new AttributeValue.ResponsePort(((v[0] & 0xff) << 8) | (v[1] & 0xff));
      case UNKNOWN_ATTRIBUTES: {
        if (v.length % 2 != 0) {
          throw new StunFormatException(name, offset, "length must be even but was " + v.length);
        }
        List<Integer> types = new ArrayList<>();
        for (int i = 0; i < v.length; i += 2) {
          types.add(((v[i] & 0xff) << 8) | (v[i + 1] & 0xff));
        }
        return new AttributeValue.UnknownAttributes(types);
      }
      default:
        return new AttributeValue.Raw(v);
    }
  }

  private static void exact(String name, byte[] v, int offset, int length) throws StunFormatException {
    if (v.length != length) {
      throw new StunFormatException(name, offset, "length must be " + length + " but was " + v.length);
    }
  }

  static long u32(byte[] b, int i) {
    return ((b[i] & 0xffL) << 24) | ((b[i + 1] & 0xffL) << 16) | ((b[i + 2] & 0xffL) << 8) | (b[i + 3] & 0xffL);
  }

  private static String text(String name, byte[] v, int offset) throws StunFormatException {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(v)).toString();
    } catch (CharacterCodingException e) {
      throw new StunFormatException(name, offset, "value must be UTF-8 text but is not");
    }
  }

  private static AttributeValue.Address address(String name, byte[] v, int offset, boolean xor, byte[] txid)
      throws StunFormatException {
    if (v.length != 8 && v.length != 20) {
      throw new StunFormatException(name, offset, "length must be 8 or 20 but was " + v.length);
    }
    int family = v[1] & 0xff;
    int expected = family == 1 ? 8 : family == 2 ? 20 : -1;
    if (expected < 0) {
      throw new StunFormatException(name, offset + 5, "family must be 0x01 (IPv4) or 0x02 (IPv6) but was "
          + String.format(Locale.ROOT, "0x%02x", family));
    }
    if (expected != v.length) {
      throw new StunFormatException(name, offset, "length must be " + expected + " for family "
          + (family == 1 ? "IPv4" : "IPv6") + " but was " + v.length);
    }
    int port = ((v[2] & 0xff) << 8) | (v[3] & 0xff);
    byte[] addr = Arrays.copyOfRange(v, 4, v.length);
    if (xor) {
      port ^= MAGIC_COOKIE >>> 16;
      byte[] key = xorKey(txid);
      for (int i = 0; i < addr.length; i++) {
        addr[i] ^= key[i];
      }
    }
    return new AttributeValue.Address(IpAddress.ofBytes(addr), port);
  }

  /** Magic cookie followed by the transaction id: the XOR key of XOR-MAPPED-ADDRESS. */
  static byte[] xorKey(byte[] txid) {
    byte[] key = new byte[16];
    key[0] = 0x21;
    key[1] = 0x12;
    key[2] = (byte) 0xA4;
    key[3] = 0x42;
    System.arraycopy(txid, 0, key, 4, 12);
    return key;
  }
}
