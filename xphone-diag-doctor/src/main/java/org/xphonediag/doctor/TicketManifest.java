package org.xphonediag.doctor;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a {@link TicketBundle} wrote: the answers given, the checklist questions still open, and
 * every file with its sizes and SHA-256 (of the original file and of the masked copy inside).
 *
 * @param createdAt when the bundle was written
 * @param answers the answers given
 * @param missingAnswers the docs/field-guide.md#support-ticket questions not answered
 * @param entries the files in the zip besides README.txt and manifest.json
 */
public record TicketManifest(Instant createdAt, Map<TicketQuestion, String> answers,
    List<TicketQuestion> missingAnswers, List<Entry> entries) {

  /** Copies the collections. */
  public TicketManifest {
    answers = Map.copyOf(answers);
    missingAnswers = List.copyOf(missingAnswers);
    entries = List.copyOf(entries);
  }

  /**
   * One file in the bundle.
   *
   * @param name the path inside the zip
   * @param kind report, capture, log, app-log or other
   * @param originalBytes the size of the original file
   * @param includedBytes how many bytes were included (less when capped)
   * @param truncated true when the file was cut at the cap
   * @param originalSha256 SHA-256 of the whole original file, to match against the customer's copy
   * @param sha256 SHA-256 of the included, masked bytes
   * @param secretsMasked how many secrets were masked
   */
  public record Entry(String name, String kind, long originalBytes, long includedBytes, boolean truncated,
      String originalSha256, String sha256, int secretsMasked) {}
}
