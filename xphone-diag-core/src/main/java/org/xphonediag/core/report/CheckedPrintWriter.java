package org.xphonediag.core.report;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * A {@link PrintWriter} for the report writers that does not lose write errors: a
 * {@code PrintWriter} swallows them, so this one keeps the first {@link IOException} of the writer
 * below and {@link #finish()} throws it.
 */
final class CheckedPrintWriter extends PrintWriter {
  private final Keeper keeper;

  private CheckedPrintWriter(Keeper keeper) {
    super(keeper);
    this.keeper = keeper;
  }

  static CheckedPrintWriter of(Writer out) {
    return new CheckedPrintWriter(new Keeper(out));
  }

  /**
   * Flushes and throws the first write error, if any.
   *
   * @throws IOException the first error the writer below threw
   */
  void finish() throws IOException {
    flush();
    if (keeper.failure != null) {
      throw new IOException(keeper.failure.getMessage() == null ? "write failed" : keeper.failure.getMessage(),
          keeper.failure);
    }
    if (checkError()) {
      throw new IOException("write failed");
    }
  }

  /** Passes everything on and remembers the first failure. */
  private static final class Keeper extends FilterWriter {
    IOException failure;

    Keeper(Writer out) {
      super(out);
    }

    @Override
    public void write(int c) throws IOException {
      try {
        super.write(c);
      } catch (IOException e) {
        throw keep(e);
      }
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
      try {
        super.write(cbuf, off, len);
      } catch (IOException e) {
        throw keep(e);
      }
    }

    @Override
    public void write(String str, int off, int len) throws IOException {
      try {
        super.write(str, off, len);
      } catch (IOException e) {
        throw keep(e);
      }
    }

    @Override
    public void flush() throws IOException {
      try {
        super.flush();
      } catch (IOException e) {
        throw keep(e);
      }
    }

    @Override
    public void close() {
      // the report writers never close the caller's writer
    }

    private IOException keep(IOException e) {
      if (failure == null) {
        failure = e;
      }
      return e;
    }
  }
}
