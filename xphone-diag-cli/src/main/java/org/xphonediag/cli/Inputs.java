package org.xphonediag.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xphonediag.core.acl.AclConfig;
import org.xphonediag.core.acl.AclParseException;
import org.xphonediag.core.acl.RtpFamilies;
import org.xphonediag.core.io.InputFiles;
import org.xphonediag.core.net.AddressFormatException;
import org.xphonediag.core.net.Cidr;
import org.xphonediag.sip.sdp.SdpFormatException;
import org.xphonediag.sip.sdp.SdpParser;
import org.xphonediag.sip.sdp.SessionDescription;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The inputs several commands read the same way: durations, the XCC's {@code acl.conf.xml}, its
 * networks and RTP families, and SDP files. A bad value is a usage error (exit 2) naming the option.
 */
final class Inputs {
  private Inputs() {}

  /** Reads {@code 5s}, {@code 1500ms}, {@code 2m} or ISO-8601 {@code PT5S}; positive, at most 1 h. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern SIMPLE = Pattern.compile("(\\d{1,7})(ms|s|m)");

    @Override
    public Duration convert(String value) {
      String v = value.strip().toLowerCase(Locale.ROOT);
      Duration d;
      Matcher m = SIMPLE.matcher(v);
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        d = m.group(2).equals("ms") ? Duration.ofMillis(n) : m.group(2).equals("s") ? Duration.ofSeconds(n)
            : Duration.ofMinutes(n);
      } else {
        try {
          d = Duration.parse(value.strip());
        } catch (DateTimeParseException e) {
          throw new TypeConversionException("a duration like 5s, 1500ms, 2m or PT5S expected but was '" + value + "'");
        }
      }
      if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofHours(1)) > 0) {
        throw new TypeConversionException("a duration must be > 0 and <= 1h but was '" + value + "'");
      }
      return d;
    }
  }

  /** Parses {@code --xcc-family}; a bad value is a usage error. */
  static RtpFamilies families(String value) {
    try {
      return RtpFamilies.parse(value);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--xcc-family: " + e.getMessage(), e);
    }
  }

  /** Parses {@code --local-net} values; a bad one is a usage error. */
  static List<Cidr> localNets(List<String> values) {
    List<Cidr> nets = new ArrayList<>();
    for (String n : values) {
      try {
        nets.add(Cidr.parse(n));
      } catch (AddressFormatException e) {
        throw new UsageException("--local-net " + e.getMessage());
      }
    }
    return nets;
  }

  /**
   * Reads {@code --acl}; an unreadable file or XML FreeSWITCH could not read is a usage error (for
   * commands that only need the chain).
   */
  static AclConfig aclConfig(Path file) {
    try {
      return AclConfig.parse(file);
    } catch (IOException e) {
      throw InputFile.unreadable("--acl", file, e);
    } catch (AclParseException e) {
      throw new UsageException("--acl " + e.getMessage(), e);
    }
  }

  /**
   * Reads and parses an SDP file (a regular file; the parser caps it at 256 KiB), or stdin for
   * {@code -}; unreadable input is a usage error naming {@code what} and the file.
   */
  static SessionDescription sdp(String what, String input) {
    String source = input.equals("-") ? "<stdin>" : input;
    try {
      if (input.equals("-")) {
        return SdpParser.defaults().parse(System.in, source);
      }
      try (InputStream in = InputFiles.newInputStream(Path.of(input))) {
        return SdpParser.defaults().parse(in, source);
      }
    } catch (IOException e) {
      throw InputFile.unreadable(what, source, e);
    } catch (SdpFormatException e) {
      throw new UsageException(what + " " + source + " is not an SDP: " + e.getMessage(), e);
    }
  }
}
