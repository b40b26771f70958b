package org.xphonediag.exporter;

import java.util.Optional;
import org.xphonediag.core.Secret;

/**
 * Where the exporter gets the secrets a profile names by variable ({@code passwordEnv},
 * {@code turnPasswordEnv}); by default the exporter's environment. A secret never reaches a label,
 * an answer body or a log line.
 */
@FunctionalInterface
public interface SecretSource {
  /** The secret stored under {@code name}, empty when there is none. */
  Optional<Secret> secret(String name);

  /** The process environment. */
  static SecretSource environment() {
    return Secret::fromEnvironment;
  }
}
