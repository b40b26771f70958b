package org.xphonediag.core.io;

import java.util.Locale;
import java.util.Objects;

/**
 * The most bytes read from one input file of a kind; {@link InputFiles} enforces it while reading.
 * A cap bounds more than the bytes: the readers keep located trees of what they parse (a JSON value
 * or an XML element costs hundreds of bytes), so each cap is set for the files of its kind with a
 * wide margin, not as high as memory would allow. The kinds the project reads, and their caps:
 *
 * <table>
 *   <caption>caps per kind of input</caption>
 *   <tr><th>kind</th><th>cap</th><th>files</th></tr>
 *   <tr><td>{@link #CONFIG_TEXT}</td><td>1 MiB</td><td>web.config, appsettings.json, the deployment
 *       profile, a WebAPI profile, ticket answers (hand-written files of a few KiB)</td></tr>
 *   <tr><td>{@link #ACL}</td><td>4 MiB</td><td>acl.conf.xml (10,000 nodes take about 0.5 MiB; the
 *       FreeSWITCH-like reader keeps every line, some 40 bytes each even when empty)</td></tr>
 *   <tr><td>{@link #REPORT}</td><td>8 MiB</td><td>a JSON report ({@code doctor --compare},
 *       {@code ticket --report}; a doctor report has tens of KiB)</td></tr>
 *   <tr><td>{@link #CERTIFICATES}</td><td>1 MiB</td><td>PEM or DER root certificates ({@code --trust})</td></tr>
 *   <tr><td>{@link #STUN_MESSAGE}</td><td>1 MiB</td><td>one STUN message, raw or as hex text</td></tr>
 * </table>
 *
 * <p>SDP files are capped by the SDP parser (256 KiB). Captures, FreeSWITCH logs and ticket
 * attachments are streamed, not capped: they must be regular files ({@link InputFiles#newInputStream}).
 *
 * @param kind what the file is, for messages (e.g. {@code "configuration file"})
 * @param maxBytes the cap, at least 1
 */
public record ReadLimit(String kind, long maxBytes) {
  /** Configuration files written by hand: 1 MiB (real ones have a few KiB). */
  public static final ReadLimit CONFIG_TEXT = new ReadLimit("configuration file", 1L << 20);
  /** A FreeSWITCH {@code acl.conf.xml}: 4 MiB. */
  public static final ReadLimit ACL = new ReadLimit("FreeSWITCH ACL file", 4L << 20);
  /** A JSON report of this tool: 8 MiB. */
  public static final ReadLimit REPORT = new ReadLimit("JSON report", 8L << 20);
  /** Root certificates to trust: 1 MiB. */
  public static final ReadLimit CERTIFICATES = new ReadLimit("certificate file", 1L << 20);
  /** One STUN message, raw bytes or hex text: 1 MiB (a message is at most 64 KiB). */
  public static final ReadLimit STUN_MESSAGE = new ReadLimit("STUN message file", 1L << 20);

  public ReadLimit {
    Objects.requireNonNull(kind, "kind");
    if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("maxBytes must be 1.." + (Integer.MAX_VALUE - 16) + " but was " + maxBytes);
    }
  }

  /** The cap as people read it: {@code 16 MiB}, {@code 256 KiB} or a byte count. */
  public String human() {
    if (maxBytes % (1 << 20) == 0) {
      return String.format(Locale.ROOT, "%d MiB", maxBytes >> 20);
    }
    if (maxBytes % 1024 == 0) {
      return String.format(Locale.ROOT, "%d KiB", maxBytes >> 10);
    }
    return maxBytes + " bytes";
  }
}
