package org.xphonediag.sip.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.xphonediag.core.SourceLocation;
import org.xphonediag.core.net.AddressClass;
import org.xphonediag.core.net.AddressFormatException;
import org.xphonediag.core.net.IpAddress;

/**
 * Reads one candidate line by the ABNF of RFC 8839 §5.1 (plus RFC 6544 {@code tcptype}), with the
 * literal tokens case-insensitive as RFC 5234 says. Errors carry the column of the offending field.
 */
final class CandidateParser {
  /** The longest candidate line read; SDP lines are capped by the SDP parser as well. */
  static final int MAX_LENGTH = 4096;
  private static final long MAX_PRIORITY = (1L << 31) - 1;

  private CandidateParser() {}

  /** One field of the line and the 1-based column where it starts. */
  private record Token(String text, int column) {}

  static SdpCandidate parse(String line, String source, int lineNo) throws SdpFormatException {
    if (line.length() > MAX_LENGTH) {
      throw error(source, lineNo, 1, "expected a candidate line of at most " + MAX_LENGTH + " characters but it has "
          + line.length());
    }
    int start = 0;
    if (line.regionMatches(true, 0, "a=", 0, 2)) {
      start = 2;
    }
    if (line.regionMatches(true, start, "candidate:", 0, 10)) {
      start += 10;
    } else if (start == 2) {
      throw error(source, lineNo, 3, "expected 'candidate:' after 'a=' but found '" + excerpt(line.substring(2)) + "'");
    }
    List<Token> t = tokens(line, start);
    if (t.size() < 8) {
      int col = t.isEmpty() ? start + 1 : t.get(t.size() - 1).column();
      throw error(source, lineNo, col, "expected at least 8 fields (foundation component transport priority address port"
          + " typ TYPE) but found " + t.size());
    }
    String foundation = t.get(0).text();
    if (foundation.length() > 32 || !foundation.chars().allMatch(CandidateParser::isIceChar)) {
      throw error(source, lineNo, t.get(0).column(),
          "foundation must be 1 to 32 of ALPHA, DIGIT, '+', '/' but was '" + excerpt(foundation) + "'");
    }
    long component = number(t.get(1), 3, source, lineNo, "component");
    if (component < 1 || component > 256) {
      throw error(source, lineNo, t.get(1).column(), "component must be 1..256 but was " + component);
    }
    String transport = t.get(2).text();
    if (!isToken(transport)) {
      throw error(source, lineNo, t.get(2).column(), "transport must be a token (UDP, TCP, ...) but was '"
          + excerpt(transport) + "'");
    }
    long priority = number(t.get(3), 10, source, lineNo, "priority");
    if (priority < 1 || priority > MAX_PRIORITY) {
      throw error(source, lineNo, t.get(3).column(), "priority must be 1..2147483647 but was " + priority);
    }
    String address = address(t.get(4), source, lineNo, "address");
    int port = port(t.get(5), source, lineNo, "port");
    if (!t.get(6).text().equalsIgnoreCase("typ")) {
      throw error(source, lineNo, t.get(6).column(), "expected 'typ' but found '" + excerpt(t.get(6).text()) + "'");
    }
    String typeToken = t.get(7).text();
    if (!isToken(typeToken)) {
      throw error(source, lineNo, t.get(7).column(), "candidate type must be host, srflx, prflx, relay or a"
          + " token but was '" + excerpt(typeToken) + "'");
    }
    CandidateType type = CandidateType.fromToken(typeToken);
    List<String> warnings = new ArrayList<>();
    if (type == CandidateType.UNKNOWN) {
      warnings.add("unknown candidate type '" + typeToken + "' (kept as an extension token)");
    } else {
      typeToken = type.jsonName();
    }
    String raddr = null;
    int rport = -1;
    Map<String, String> ext = new LinkedHashMap<>();
    for (int i = 8; i < t.size(); i += 2) {
      Token name = t.get(i);
      if (i + 1 >= t.size()) {
        throw error(source, lineNo, name.column(), "expected a value after extension '" + excerpt(name.text())
            + "' but the line ends");
      }
      Token value = t.get(i + 1);
      if (!isToken(name.text())) {
        throw error(source, lineNo, name.column(), "expected an extension name (token) but found '"
            + excerpt(name.text()) + "'");
      }
      String key = name.text().toLowerCase(Locale.ROOT);
      if (key.equals("raddr")) {
        if (raddr != null) {
          throw error(source, lineNo, name.column(), "expected one raddr but found a second");
        }
        raddr = address(value, source, lineNo, "raddr");
      } else if (key.equals("rport")) {
        if (rport >= 0) {
          throw error(source, lineNo, name.column(), "expected one rport but found a second");
        }
        rport = port(value, source, lineNo, "rport");
      } else if (ext.containsKey(key)) {
        throw error(source, lineNo, name.column(), "expected each extension once but '" + key + "' repeats");
      } else {
        if (key.equals("tcptype") && !value.text().matches("(?i)active|passive|so")) {
          throw error(source, lineNo, value.column(), "tcptype must be active, passive or so but was '"
              + excerpt(value.text()) + "'");
        }
        ext.put(key, key.equals("tcptype") ? value.text().toLowerCase(Locale.ROOT) : value.text());
      }
    }
    if ((type == CandidateType.SRFLX || type == CandidateType.PRFLX || type == CandidateType.RELAY)
        && (raddr == null || rport < 0)) {
      warnings.add(type.jsonName() + " candidate without " + (raddr == null ? "raddr" : "rport")
          + " (RFC 8839 §5.1 requires raddr and rport for " + type.jsonName() + ")");
    }
    return new SdpCandidate(lineNo, foundation, (int) component, transport.toLowerCase(Locale.ROOT), priority,
        address, t.get(4).text(), port, typeToken, raddr, rport, ext, warnings);
  }

  private static List<Token> tokens(String line, int from) {
    List<Token> out = new ArrayList<>();
    int i = from;
    int n = line.length();
    while (i < n) {
      while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
        i++;
      }
      int s = i;
      while (i < n && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
        i++;
      }
      if (i > s) {
        out.add(new Token(line.substring(s, i), s + 1));
      }
    }
    return out;
  }

  private static long number(Token tok, int maxDigits, String source, int lineNo, String what) throws SdpFormatException {
    String s = tok.text();
    if (s.isEmpty() || s.length() > maxDigits || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw error(source, lineNo, tok.column(), what + " must be a number of 1 to " + maxDigits
          + " digits but was '" + excerpt(s) + "'");
    }
    return Long.parseLong(s);
  }

  private static int port(Token tok, String source, int lineNo, String what) throws SdpFormatException {
    long p = number(tok, 5, source, lineNo, what);
    if (p > 65535) {
      throw error(source, lineNo, tok.column(), what + " must be 0..65535 but was " + p);
    }
    return (int) p;
  }

  private static String address(Token tok, String source, int lineNo, String what) throws SdpFormatException {
    String s = tok.text();
    Optional<IpAddress> ip = IpAddress.tryParse(s);
    if (ip.isPresent()) {
      return ip.get().toString();
    }
    try {
      AddressClass.classify(s);
      return s;
    } catch (AddressFormatException e) {
      throw error(source, lineNo, tok.column(), what + " must be an IPv4 or IPv6 address or a host name but was '"
          + excerpt(s) + "'");
    }
  }

  private static boolean isIceChar(int c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '/';
  }

  /** RFC 8866 token: ALPHA, DIGIT and {@code !#$%&'*+-.^_`{|}~}. */
  static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
          || "!#$%&'*+-.^_`{|}~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  static String excerpt(String s) {
    String clean = s.replaceAll("[\\p{Cntrl}]", "?");
    return clean.length() > 40 ? clean.substring(0, 37) + "..." : clean;
  }

  private static SdpFormatException error(String source, int line, int column, String message) {
    return new SdpFormatException(SourceLocation.of(source, line, column),
        String.format(Locale.ROOT, "sdp line %d (a=candidate): %s", line, message));
  }
}
