package org.xphonediag.sip.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.xphonediag.core.Secret;
import org.xphonediag.core.SourceLocation;

/**
 * A line-based, tolerant SDP parser (RFC 8866) for what XPhone clients (IceLink) and the XCC
 * (FreeSWITCH) send (docs/field-guide.md#reading-a-trace). Immutable and thread-safe; {@link #defaults()} caps a line at
 * 4096 characters, an SDP at 2000 lines and 256 KiB.
 *
 * <p>Tolerated: CRLF or LF line ends, trailing spaces and tabs, blank lines, unknown line types
 * and attributes (kept). Rejected with an {@link SdpFormatException} naming line and column: a
 * first line other than {@code v=0}, a line not of the form {@code x=value}, a missing or
 * malformed {@code o=}, {@code c=}, {@code m=} or {@code rtpmap}, and anything over the caps. A
 * malformed {@code a=candidate} line does not stop the parse: it is kept as an {@link SdpProblem}
 * (finding {@code sdp.malformed-candidate}).
 */
public final class SdpParser {
  private static final SdpParser DEFAULTS = new SdpParser(4096, 2000, 256 * 1024);
  private static final Pattern WS = Pattern.compile("[ \t]+");

  private final int maxLineLength;
  private final int maxLines;
  private final int maxBytes;

  private SdpParser(int maxLineLength, int maxLines, int maxBytes) {
    this.maxLineLength = maxLineLength;
    this.maxLines = maxLines;
    this.maxBytes = maxBytes;
  }

  /** The parser with the default caps. */
  public static SdpParser defaults() {
    return DEFAULTS;
  }

  /**
   * A parser with other caps.
   *
   * @throws IllegalArgumentException for a cap below 1
   */
  public static SdpParser withLimits(int maxLineLength, int maxLines, int maxBytes) {
    if (maxLineLength < 1 || maxLines < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("SDP caps must be at least 1 but were maxLineLength=" + maxLineLength
          + ", maxLines=" + maxLines + ", maxBytes=" + maxBytes);
    }
    return new SdpParser(maxLineLength, maxLines, maxBytes);
  }

  /**
   * Reads at most the byte cap from {@code in} (UTF-8) and parses it.
   *
   * @throws SdpFormatException for malformed or oversized input
   * @throws IOException when reading fails
   */
  public SessionDescription parse(InputStream in, String source) throws IOException, SdpFormatException {
    byte[] bytes = in.readNBytes(maxBytes + 1);
    if (bytes.length > maxBytes) {
      throw new SdpFormatException(SourceLocation.atOffset(source, maxBytes),
          "sdp: expected at most " + maxBytes + " bytes but the input is longer");
    }
    return parse(new String(bytes, StandardCharsets.UTF_8), source);
  }

  /**
   * Parses SDP text.
   *
   * @param source a label for locations, e.g. the file name
   * @throws SdpFormatException for malformed or oversized input
   */
  public SessionDescription parse(String text, String source) throws SdpFormatException {
    return new Run(source).parse(text);
  }

  /** The state of one parse. */
  private final class Run {
    private final String source;
    private SdpOrigin origin;
    private String sessionName = "";
    private SdpConnection sessionConnection;
    private final List<SdpAttribute> sessionAttributes = new ArrayList<>();
    private final List<SdpCandidate> sessionCandidates = new ArrayList<>();
    private Secret sessionPwd;
    private final List<MediaDescription> media = new ArrayList<>();
    private final List<SdpProblem> problems = new ArrayList<>();
    // the media section being read
    private String[] mLine;
    private int mLineNo;
    private int mPort;
    private int mPortCount;
    private SdpConnection mConnection;
    private List<SdpAttribute> mAttributes;
    private List<SdpCandidate> mCandidates;
    private List<RtpMap> mRtpMaps;
    private Secret mPwd;

    Run(String source) {
      this.source = source;
    }

    SessionDescription parse(String text) throws SdpFormatException {
      if (text.length() > maxBytes) {
        throw fail(1, 1, "expected at most " + maxBytes + " characters but the input has " + text.length());
      }
      String[] lines = text.split("\n", -1);
      int lineNo = 0;
      boolean sawVersion = false;
      for (String raw : lines) {
        lineNo++;
        if (lineNo > maxLines) {
          if (!raw.isBlank() || lineNo < lines.length) {
            throw fail(lineNo, 1, "expected at most " + maxLines + " lines");
          }
          break;
        }
        String line = stripEnd(raw);
        if (line.isEmpty()) {
          continue;
        }
        if (line.length() > maxLineLength) {
          throw fail(lineNo, maxLineLength + 1, "expected a line of at most " + maxLineLength
              + " characters but it has " + line.length());
        }
        if (!sawVersion && !line.startsWith("v=")) {
          throw fail(lineNo, 1, "expected 'v=0' as the first line but found '" + CandidateParser.excerpt(line) + "'");
        }
        if (line.length() < 2 || line.charAt(1) != '=' || line.charAt(0) < 'a' || line.charAt(0) > 'z') {
          throw fail(lineNo, 1, "expected TYPE=VALUE with a lower-case letter as TYPE but found '"
              + CandidateParser.excerpt(line) + "'");
        }
        char type = line.charAt(0);
        String value = line.substring(2);
        if (!sawVersion) {
          if (type != 'v' || !value.strip().equals("0")) {
            throw fail(lineNo, 1, "expected 'v=0' as the first line but found '" + CandidateParser.excerpt(line) + "'");
          }
          sawVersion = true;
          continue;
        }
        switch (type) {
          case 'v':
            throw fail(lineNo, 1, "expected one v= line but found a second");
          case 'o':
            origin(value, lineNo);
            break;
          case 's':
            sessionName = value;
            break;
          case 'c':
            SdpConnection c = connection(value, lineNo);
            if (mLine != null) {
              mConnection = c;
            } else {
              sessionConnection = c;
            }
            break;
          case 'm':
            endMedia();
            media(value, lineNo);
            break;
          case 'a':
            attribute(line, value, lineNo);
            break;
          default:
            break; // i=, u=, e=, p=, b=, t=, r=, z=, k= and unknown types: not needed, tolerated
        }
      }
      if (!sawVersion) {
        throw fail(Math.max(1, Math.min(lineNo, maxLines)), 1, "expected 'v=0' but the input is empty");
      }
      endMedia();
      if (origin == null) {
        throw fail(Math.min(lineNo, maxLines), 1, "expected an o= line but the SDP has none");
      }
      return new SessionDescription(source, origin, sessionName, sessionConnection, sessionAttributes,
          sessionCandidates, media, problems, sessionPwd, Math.min(lineNo, maxLines));
    }

    private void origin(String value, int lineNo) throws SdpFormatException {
      if (origin != null) {
        throw fail(lineNo, 1, "expected one o= line but found a second");
      }
      String[] f = WS.split(value.strip());
      if (f.length != 6) {
        throw fail(lineNo, 3, "expected o=<username> <sess-id> <sess-version> <nettype> <addrtype> <address>"
            + " (6 fields) but found " + (value.isBlank() ? 0 : f.length) + " fields");
      }
      for (int i = 1; i <= 2; i++) {
        if (f[i].length() > 20 || !f[i].chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
          throw fail(lineNo, 3, "expected o= " + (i == 1 ? "sess-id" : "sess-version")
              + " to be 1 to 20 digits but was '" + CandidateParser.excerpt(f[i]) + "'");
        }
      }
      origin = new SdpOrigin(f[0], f[1], f[2], f[3], f[4], f[5]);
    }

    private SdpConnection connection(String value, int lineNo) throws SdpFormatException {
      String[] f = WS.split(value.strip());
      if (f.length != 3) {
        throw fail(lineNo, 3, "expected c=<nettype> <addrtype> <connection-address> (3 fields) but found "
            + (value.isBlank() ? 0 : f.length) + " fields");
      }
      return new SdpConnection(f[0], f[1], f[2], lineNo);
    }

    private void media(String value, int lineNo) throws SdpFormatException {
      String[] f = WS.split(value.strip());
      if (f.length < 4) {
        throw fail(lineNo, 3, "expected m=<media> <port>[/<count>] <proto> <fmt> ... but found "
            + (value.isBlank() ? 0 : f.length) + " fields");
      }
      String[] port = f[1].split("/", -1);
      int p = number(port[0], 65535, lineNo, "m= port");
      int count = port.length == 2 ? number(port[1], 65535, lineNo, "m= port count") : 1;
      if (port.length > 2 || count < 1) {
        throw fail(lineNo, 3, "expected m= port as <port> or <port>/<count> but was '" + f[1] + "'");
      }
      mLine = f;
      mLineNo = lineNo;
      mPort = p;
      mPortCount = count;
      mConnection = null;
      mAttributes = new ArrayList<>();
      mCandidates = new ArrayList<>();
      mRtpMaps = new ArrayList<>();
      mPwd = null;
    }

    private void endMedia() {
      if (mLine == null) {
        return;
      }
      List<String> formats = List.of(mLine).subList(3, mLine.length);
      media.add(new MediaDescription(mLine[0], mPort, mPortCount, mLine[2], formats, mConnection, mAttributes,
          mCandidates, mRtpMaps, mPwd, mLineNo));
      mLine = null;
    }

    private void attribute(String line, String value, int lineNo) throws SdpFormatException {
      int colon = value.indexOf(':');
      String name = colon < 0 ? value.strip() : value.substring(0, colon);
      String attrValue = colon < 0 ? null : value.substring(colon + 1);
      if (!CandidateParser.isToken(name)) {
        throw fail(lineNo, 3, "expected an attribute name (token) but found '" + CandidateParser.excerpt(name) + "'");
      }
      List<SdpAttribute> attrs = mLine != null ? mAttributes : sessionAttributes;
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.equals("ice-pwd")) {
        Secret pwd = Secret.of(attrValue == null ? "" : attrValue.strip());
        if (mLine != null) {
          mPwd = pwd;
        } else {
          sessionPwd = pwd;
        }
        attrs.add(new SdpAttribute(name, Optional.of(Secret.MASK), lineNo));
        return;
      }
      attrs.add(new SdpAttribute(name, Optional.ofNullable(attrValue), lineNo));
      if (lower.equals("candidate")) {
        try {
          SdpCandidate cand = CandidateParser.parse(line, source, lineNo);
          (mLine != null ? mCandidates : sessionCandidates).add(cand);
        } catch (SdpFormatException e) {
          String text = line.length() > 200 ? line.substring(0, 197) + "..." : line;
          problems.add(new SdpProblem(e.location(), e.reason(), text));
        }
      } else if (lower.equals("rtpmap") && mLine != null) {
        mRtpMaps.add(rtpMap(attrValue == null ? "" : attrValue.strip(), lineNo));
      }
    }

    private RtpMap rtpMap(String v, int lineNo) throws SdpFormatException {
      String[] f = WS.split(v, 2);
      String[] enc = f.length == 2 ? f[1].strip().split("/", -1) : new String[0];
      if (f.length != 2 || enc.length < 2 || enc.length > 3 || enc[0].isEmpty()) {
        throw fail(lineNo, 10, "expected a=rtpmap:<payload type> <encoding>/<clock rate>[/<channels>] but found '"
            + CandidateParser.excerpt(v) + "'");
      }
      int pt = number(f[0], 127, lineNo, "rtpmap payload type");
      int rate = number(enc[1], Integer.MAX_VALUE, lineNo, "rtpmap clock rate");
      if (rate < 1) {
        throw fail(lineNo, 10, "expected an rtpmap clock rate of at least 1 but was 0");
      }
      OptionalInt ch = enc.length == 3 ? OptionalInt.of(number(enc[2], 255, lineNo, "rtpmap channels"))
          : OptionalInt.empty();
      return new RtpMap(pt, enc[0], rate, ch);
    }

    private int number(String s, int max, int lineNo, String what) throws SdpFormatException {
      if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(ch -> ch >= '0' && ch <= '9')
          || Long.parseLong(s) > max) {
        throw fail(lineNo, 3, "expected " + what + " to be a number 0.." + max + " but was '"
            + CandidateParser.excerpt(s) + "'");
      }
      return Integer.parseInt(s);
    }

    private SdpFormatException fail(int line, int column, String what) {
      return new SdpFormatException(SourceLocation.of(source, line, column),
          String.format(Locale.ROOT, "sdp line %d: %s", line, what));
    }
  }

  private static String stripEnd(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '\r' || s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
      end--;
    }
    return s.substring(0, end);
  }
}
