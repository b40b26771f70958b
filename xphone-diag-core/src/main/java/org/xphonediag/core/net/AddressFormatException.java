package org.xphonediag.core.net;

/**
 * Text that should be an IP address, CIDR prefix, host name or {@code host:port} is not one. The
 * message names the text and what was expected.
 */
public final class AddressFormatException extends IllegalArgumentException {
  private final String input;

  public AddressFormatException(String input, String expected) {
    super("'" + shorten(input) + "' is not " + expected);
    this.input = input;
  }

  /** The rejected text. */
  public String input() {
    return input;
  }

  private static String shorten(String s) {
    if (s == null) {
      return "null";
    }
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }
}
