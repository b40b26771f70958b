package org.xphonediag.trace;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xphonediag.core.net.IpAddress;

/**
 * Reads the ACL lines of a FreeSWITCH log (docs/field-guide.md#failure-patterns), streaming: lines are cut at {@link
 * #MAX_LINE} characters and at most {@link #MAX_ENTRIES} ACL lines are kept, so any log size is
 * safe. Other lines are ignored. Stateless.
 */
public final class FsLogParser {
  /** Characters kept per line. */
  public static final int MAX_LINE = 8192;
  /** ACL lines kept. */
  public static final int MAX_ENTRIES = 10_000;
  private static final Pattern TIME = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?)");
  private static final Pattern VERIFY = Pattern.compile("verifying acl \"([^\"]*)\" for ip/port (\\S+?):(\\d+)\\.?\\s*$");
  private static final Pattern REJECT = Pattern.compile("IP (\\S+) Rejected by acl \"([^\"]*)\"");

  private FsLogParser() {}

  /**
   * Parses the ACL lines of {@code file}.
   *
   * @throws IOException when the file cannot be read (missing, a directory, no permission)
   */
  public static List<AclLogLine> parse(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new IOException("FreeSWITCH log " + file + " is a directory, not a file");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
  }

  /** Parses the ACL lines read from {@code in} (not closed). */
  public static List<AclLogLine> parse(Reader in) throws IOException {
    List<AclLogLine> out = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    char[] buf = new char[8192];
    int lineNo = 1;
    int n;
    while ((n = in.read(buf)) >= 0) {
      for (int i = 0; i < n; i++) {
        char c = buf[i];
        if (c == '\n') {
          lineOf(line, lineNo++, out);
          line.setLength(0);
        } else if (line.length() < MAX_LINE) {
          line.append(c);
        }
      }
    }
    if (line.length() > 0) {
      lineOf(line, lineNo, out);
    }
    return out;
  }

  private static void lineOf(StringBuilder sb, int lineNo, List<AclLogLine> out) {
    if (out.size() >= MAX_ENTRIES || sb.indexOf(" acl \"") < 0) {
      return;
    }
    String text = sb.toString().strip();
    Optional<LocalDateTime> time = time(text);
    Matcher v = VERIFY.matcher(text);
    if (v.find()) {
      int port = port(v.group(3));
      if (port >= 0) {
        IpAddress.tryParse(v.group(2)).ifPresent(ip -> out.add(new AclLogLine(lineNo, time, false, ip, port, v.group(1))));
      }
      return;
    }
    Matcher r = REJECT.matcher(text);
    if (r.find()) {
      IpAddress.tryParse(r.group(1)).ifPresent(ip -> out.add(new AclLogLine(lineNo, time, true, ip, -1, r.group(2))));
    }
  }

  /** A port 0-65535, or -1 for a number out of range (a line that is not FreeSWITCH's, ignored). */
  private static int port(String digits) {
    if (digits.length() > 5) {
      return -1;
    }
    int port = Integer.parseInt(digits);
    return port <= 65535 ? port : -1;
  }

  private static Optional<LocalDateTime> time(String text) {
    Matcher m = TIME.matcher(text);
    if (!m.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDateTime.parse(m.group(1).replace(' ', 'T')));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
