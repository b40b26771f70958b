package org.xphonediag.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * An output stream that remembers why its first write failed, so that the one line the CLI prints
 * for a failed standard output can say it (e.g. "No space left on device"). Errors still propagate.
 */
final class FailureKeepingStream extends FilterOutputStream {
  private volatile IOException failure;

  FailureKeepingStream(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    try {
      out.write(b);
    } catch (IOException e) {
      throw keep(e);
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    try {
      out.write(b, off, len);
    } catch (IOException e) {
      throw keep(e);
    }
  }

  @Override
  public void flush() throws IOException {
    try {
      out.flush();
    } catch (IOException e) {
      throw keep(e);
    }
  }

  /** Why the first write failed, or a generic text when none did. */
  String failure() {
    IOException e = failure;
    return e == null ? "the write failed" : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private IOException keep(IOException e) {
    if (failure == null) {
      failure = e;
    }
    return e;
  }
}
