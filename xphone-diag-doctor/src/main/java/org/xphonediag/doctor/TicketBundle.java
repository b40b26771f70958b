package org.xphonediag.doctor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.xphonediag.core.Report;
import org.xphonediag.core.Secret;
import org.xphonediag.core.report.JsonReportWriter;
import org.xphonediag.core.report.MarkdownReportWriter;
import org.xphonediag.doctor.internal.Redactor;

/**
 * A support-ticket bundle (docs/field-guide.md#support-ticket): the checklist with the answers given and the ones still
 * missing, the doctor's report as JSON and Markdown, and the logs and captures given, each capped in
 * size, with its SHA-256, in one zip with a {@code manifest.json}. Secrets are masked in everything
 * that goes in (ICE passwords, the appsettings {@code Secret}, passwords, tokens, JWTs, and any
 * {@link Builder#knownSecret(Secret) known secret}), keeping byte lengths so captures stay readable.
 *
 * <pre>{@code
 * TicketManifest m = TicketBundle.builder()
 *     .answer(TicketQuestion.SYMPTOM, "no audio from outside")
 *     .report(report)
 *     .attach(Path.of("xcc.pcapng"), TicketBundle.Kind.CAPTURE)
 *     .build()
 *     .writeTo(Path.of("ticket.zip"));
 * }</pre>
 */
public final class TicketBundle {
  /** Default cap per attached file: 64 MiB. */
  public static final long DEFAULT_MAX_FILE_BYTES = 64L << 20;
  /** Default cap for all attachments together: 256 MiB. */
  public static final long DEFAULT_MAX_TOTAL_BYTES = 256L << 20;

  /** What an attached file is (docs/field-guide.md#support-ticket "Logs"). */
  public enum Kind {
    /** Wireshark capture of loopback and Ethernet on the XCC host. */
    CAPTURE,
    /** XCC / FreeSWITCH, SIP trunk or gateway logs. */
    LOG,
    /** Mobile app logs (signalling problems). */
    APP_LOG,
    /** Configuration files, diagrams, anything else. */
    OTHER;

    String folder() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private final Map<TicketQuestion, String> answers;
  private final Report report;
  private final List<Attachment> attachments;
  private final List<Secret> knownSecrets;
  private final long maxFileBytes;
  private final long maxTotalBytes;
  private final Clock clock;

  private record Attachment(Path path, Kind kind) {}

  private TicketBundle(Builder b) {
    this.answers = new EnumMap<>(b.answers);
    this.report = b.report;
    this.attachments = List.copyOf(b.attachments);
    this.knownSecrets = List.copyOf(b.knownSecrets);
    this.maxFileBytes = b.maxFileBytes;
    this.maxTotalBytes = b.maxTotalBytes;
    this.clock = b.clock;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Writes the zip to {@code zip} and returns its manifest.
   *
   * @throws IOException when an attachment cannot be read or the zip cannot be written; the
   *     message names the file
   */
  public TicketManifest writeTo(Path zip) throws IOException {
    List<char[]> secrets = new ArrayList<>();
    knownSecrets.forEach(s -> secrets.add(s.reveal()));
    Redactor redactor = Redactor.of(secrets);
    secrets.forEach(c -> java.util.Arrays.fill(c, '\0'));
    List<TicketManifest.Entry> entries = new ArrayList<>();
    List<TicketQuestion> missing = new ArrayList<>();
    for (TicketQuestion q : TicketQuestion.values()) {
      if (!answers.containsKey(q)) {
        missing.add(q);
      }
    }
    long total = 0;
    Set<String> names = new HashSet<>();
    try (OutputStream os = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(os)) {
      put(z, "README.txt", redactor.redact(checklist(missing)).getBytes(StandardCharsets.UTF_8));
      if (report != null) {
        byte[] json = redactor.redact(new JsonReportWriter().toString(report)).getBytes(StandardCharsets.UTF_8);
        put(z, "report/report.json", json);
        entries.add(new TicketManifest.Entry("report/report.json", "report", json.length, json.length, false,
            sha256(json), sha256(json), 0));
        byte[] md = redactor.redact(new MarkdownReportWriter().toString(report)).getBytes(StandardCharsets.UTF_8);
        put(z, "report/report.md", md);
        entries.add(new TicketManifest.Entry("report/report.md", "report", md.length, md.length, false,
            sha256(md), sha256(md), 0));
      }
      for (Attachment a : attachments) {
        long size = Files.size(a.path());
        long room = Math.max(0, Math.min(maxFileBytes, maxTotalBytes - total));
        int take = (int) Math.min(size, room);
        byte[] data = new byte[take];
        String originalSha;
        try (InputStream in = Files.newInputStream(a.path())) {
          MessageDigest full = digest();
          int off = 0;
          byte[] buf = new byte[1 << 16];
          int n;
          while ((n = in.read(buf)) > 0) {
            full.update(buf, 0, n);
            int copy = Math.min(n, take - off);
            if (copy > 0) {
              System.arraycopy(buf, 0, data, off, copy);
              off += copy;
            }
          }
          originalSha = HexFormat.of().formatHex(full.digest());
        } catch (IOException e) {
          throw new IOException("cannot read attachment " + a.path() + ": " + e.getMessage(), e);
        }
        total += take;
        int masked = redactor.redact(data);
        String name = unique(names, "files/" + a.kind().folder() + "/" + a.path().getFileName());
        put(z, name, data);
        entries.add(new TicketManifest.Entry(name, a.kind().folder(), size, take, take < size, originalSha,
            sha256(data), masked));
      }
      TicketManifest manifest = new TicketManifest(clock.instant(), answers, missing, entries);
      put(z, "manifest.json", manifestJson(manifest).getBytes(StandardCharsets.UTF_8));
      return manifest;
    }
  }

  private String checklist(List<TicketQuestion> missing) {
    StringBuilder sb = new StringBuilder();
    sb.append("xphone-diag support ticket (docs/field-guide.md#support-ticket)\n\n");
    for (TicketQuestion q : TicketQuestion.values()) {
      sb.append("- ").append(q.text()).append(": ")
          .append(Optional.ofNullable(answers.get(q)).orElse("(missing)")).append('\n');
    }
    if (!missing.isEmpty()) {
      sb.append("\nStill to answer: ");
      sb.append(String.join(", ", missing.stream().map(TicketQuestion::key).toList())).append('\n');
    }
    sb.append("\nLogs support asks for: SIP trunk folder, XCC folder, fixed-line gateway folder (if an office device"
        + " is involved), an unfiltered Wireshark capture of loopback and Ethernet on the XCC host, and the mobile"
        + " app logs for signalling problems.\n");
    sb.append("Files in this bundle are listed with sizes and SHA-256 in manifest.json; secrets were masked with '*'.\n");
    return sb.toString();
  }

  private static String manifestJson(TicketManifest m) throws IOException {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("schema", "xphone-diag-ticket/1");
      g.writeStringField("createdAt", m.createdAt().toString());
      g.writeObjectFieldStart("answers");
      for (Map.Entry<TicketQuestion, String> e : m.answers().entrySet()) {
        g.writeStringField(e.getKey().key(), e.getValue());
      }
      g.writeEndObject();
      g.writeArrayFieldStart("missingAnswers");
      for (TicketQuestion q : m.missingAnswers()) {
        g.writeString(q.key());
      }
      g.writeEndArray();
      g.writeArrayFieldStart("files");
      for (TicketManifest.Entry e : m.entries()) {
        g.writeStartObject();
        g.writeStringField("name", e.name());
        g.writeStringField("kind", e.kind());
        g.writeNumberField("originalBytes", e.originalBytes());
        g.writeNumberField("includedBytes", e.includedBytes());
        g.writeBooleanField("truncated", e.truncated());
        g.writeStringField("originalSha256", e.originalSha256());
        g.writeStringField("sha256", e.sha256());
        g.writeNumberField("secretsMasked", e.secretsMasked());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return w.toString();
  }

  private static String unique(Set<String> names, String name) {
    String n = name;
    for (int i = 2; !names.add(n); i++) {
      n = name + "." + i;
    }
    return n;
  }

  private static void put(ZipOutputStream z, String name, byte[] data) throws IOException {
    z.putNextEntry(new ZipEntry(name));
    z.write(data);
    z.closeEntry();
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static String sha256(byte[] data) {
    return HexFormat.of().formatHex(digest().digest(data));
  }

  /** Options of a {@link TicketBundle}; not thread-safe. */
  public static final class Builder {
    private final Map<TicketQuestion, String> answers = new EnumMap<>(TicketQuestion.class);
    private Report report;
    private final List<Attachment> attachments = new ArrayList<>();
    private final List<Secret> knownSecrets = new ArrayList<>();
    private long maxFileBytes = DEFAULT_MAX_FILE_BYTES;
    private long maxTotalBytes = DEFAULT_MAX_TOTAL_BYTES;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Answers one checklist question; a blank answer counts as missing. */
    public Builder answer(TicketQuestion q, String answer) {
      Objects.requireNonNull(q, "question");
      Objects.requireNonNull(answer, "answer");
      if (!answer.isBlank()) {
        answers.put(q, answer.strip());
      }
      return this;
    }

    /** The doctor's report to include as JSON and Markdown. */
    public Builder report(Report report) {
      this.report = Objects.requireNonNull(report, "report");
      return this;
    }

    /** Attaches a file (read when the bundle is written). */
    public Builder attach(Path file, Kind kind) {
      attachments.add(new Attachment(Objects.requireNonNull(file, "file"), Objects.requireNonNull(kind, "kind")));
      return this;
    }

    /** A secret value (e.g. the tested user's password) to mask wherever it appears. */
    public Builder knownSecret(Secret secret) {
      knownSecrets.add(Objects.requireNonNull(secret, "secret"));
      return this;
    }

    /** Cap per attached file; the rest is cut and the manifest says so. */
    public Builder maxFileBytes(long max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxFileBytes must be positive but was " + max);
      }
      this.maxFileBytes = max;
      return this;
    }

    /** Cap for all attachments together. */
    public Builder maxTotalBytes(long max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxTotalBytes must be positive but was " + max);
      }
      this.maxTotalBytes = max;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public TicketBundle build() {
      if (maxFileBytes > Integer.MAX_VALUE - 16) {
        throw new IllegalArgumentException("maxFileBytes must be below 2 GiB but was " + maxFileBytes);
      }
      return new TicketBundle(this);
    }
  }
}
