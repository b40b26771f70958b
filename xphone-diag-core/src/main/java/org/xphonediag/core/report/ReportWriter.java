package org.xphonediag.core.report;

import java.io.IOException;
import java.io.Writer;
import org.xphonediag.core.Report;

/**
 * Writes a {@link Report} in one format. Writers never print a {@link org.xphonediag.core.Secret}'s
 * value, only {@value org.xphonediag.core.Secret#MASK}. Implementations are stateless and
 * thread-safe; they do not close the writer.
 */
@FunctionalInterface
public interface ReportWriter {

  /** Writes {@code report} to {@code out}. */
  void write(Report report, Writer out) throws IOException;

  /** The report as a string. */
  default String toString(Report report) {
    java.io.StringWriter sw = new java.io.StringWriter();
    try {
      write(report, sw);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return sw.toString();
  }
}
