package org.xphonediag.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.xphonediag.webapi.TrustMaterial;

/**
 * The {@code --trust FILE} option of the commands that verify TLS ({@code tls}, {@code webapi},
 * {@code turn}): PEM or DER root certificates to trust instead of the platform trust store.
 */
final class TrustFile {
  private TrustFile() {}

  /** Loads {@code file}, or the platform store when it is null; an unreadable file is bad usage (exit 2). */
  static TrustMaterial load(Path file) {
    if (file == null) {
      return TrustMaterial.platform();
    }
    try {
      return TrustMaterial.fromFile(file);
    } catch (IOException e) {
      throw InputFile.unreadable("--trust", file, e);
    }
  }
}
