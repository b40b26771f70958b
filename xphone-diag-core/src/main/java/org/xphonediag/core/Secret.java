package org.xphonediag.core;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A password, token or key that must never appear in logs, messages or reports.
 *
 * <p>{@link #toString()} always returns {@value #MASK}; report writers print the mask for any
 * {@code Secret} found in details or data. The value is only reachable through {@link #reveal()}
 * and {@link #apply(Function)}. Instances are thread-safe; {@link #destroy()} wipes the value.
 */
public final class Secret {
  /** What every writer and {@link #toString()} print instead of the value. */
  public static final String MASK = "******";

  private final char[] value;
  private volatile boolean destroyed;

  private Secret(char[] value) {
    this.value = value;
  }

  /** Wraps a copy of {@code value}; the caller may wipe its own array afterwards. */
  public static Secret of(char[] value) {
    Objects.requireNonNull(value, "value");
    return new Secret(value.clone());
  }

  /** Wraps {@code value}. Prefer {@link #of(char[])} where the caller holds a char array. */
  public static Secret of(CharSequence value) {
    Objects.requireNonNull(value, "value");
    char[] chars = new char[value.length()];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = value.charAt(i);
    }
    return new Secret(chars);
  }

  /**
   * Reads the secret from the environment variable {@code name}; empty when it is unset. The
   * variable's name may be shown to users, its value never.
   */
  public static Optional<Secret> fromEnvironment(String name) {
    Objects.requireNonNull(name, "name");
    String v = System.getenv(name);
    return v == null ? Optional.empty() : Optional.of(of(v));
  }

  /** Returns a copy of the value; wipe it after use. */
  public char[] reveal() {
    if (destroyed) {
      throw new IllegalStateException("secret was destroyed");
    }
    return value.clone();
  }

  /** Applies {@code use} to a temporary copy of the value and wipes the copy afterwards. */
  public <T> T apply(Function<char[], T> use) {
    char[] copy = reveal();
    try {
      return use.apply(copy);
    } finally {
      Arrays.fill(copy, '\0');
    }
  }

  /** Returns the number of characters, which reports may show. */
  public int length() {
    return value.length;
  }

  /** Wipes the value; later {@link #reveal()} calls fail. */
  public void destroy() {
    destroyed = true;
    Arrays.fill(value, '\0');
  }

  /** Always {@value #MASK}. */
  @Override
  public String toString() {
    return MASK;
  }
}
