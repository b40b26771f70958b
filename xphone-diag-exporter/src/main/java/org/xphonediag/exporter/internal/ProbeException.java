package org.xphonediag.exporter.internal;

/**
 * A probe request that cannot be answered with metrics: the HTTP status and the one-line text for
 * the answer body. The text never holds a secret or a stack trace.
 */
public final class ProbeException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int status;

  public ProbeException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status code. */
  public int status() {
    return status;
  }
}
