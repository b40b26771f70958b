package org.xphonediag.doctor.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.xphonediag.core.acl.AclConfig;
import org.xphonediag.core.acl.AclParseException;

/**
 * The profile's {@code acl.conf.xml}, read once when the first check of a run needs it and shared by
 * every ACL check of the plan (lint, server, candidates). Thread-safe.
 */
public final class AclSource {
  private final Path file;
  private AclConfig config;
  private Exception failure;
  private boolean read;

  public AclSource(Path file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  public Path file() {
    return file;
  }

  /**
   * The parsed file.
   *
   * @throws AclParseException for malformed XML (located)
   * @throws IOException when the file cannot be read
   */
  public synchronized AclConfig config() throws IOException, AclParseException {
    if (!read) {
      read = true;
      try {
        config = AclConfig.parse(file);
      } catch (IOException | AclParseException e) {
        failure = e;
      }
    }
    if (failure instanceof AclParseException e) {
      throw e;
    }
    if (failure instanceof IOException e) {
      throw e;
    }
    return config;
  }
}
