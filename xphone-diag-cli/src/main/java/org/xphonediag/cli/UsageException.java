package org.xphonediag.cli;

/**
 * Bad usage or input that cannot be read at all (a missing file, not a capture, an unknown list
 * name): the CLI prints the message as one line on stderr and exits 2.
 */
public final class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }

  public UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
