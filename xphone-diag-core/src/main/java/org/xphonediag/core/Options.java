package org.xphonediag.core;

import java.util.Objects;

/**
 * The rules every builder of this project follows for its options, in one place so that the
 * messages read alike: an option is set at most once, and two options that exclude each other
 * name both. Programmer errors: they throw at once.
 *
 * <pre>{@code
 * public Builder budget(Duration budget) {
 *   Options.requireUnset("budget", this.budget, "StunBindingCheck");
 *   this.budget = Durations.requirePositive(budget, "budget");
 *   return this;
 * }
 * }</pre>
 */
public final class Options {
  private Options() {}

  /**
   * Throws when an option was set before.
   *
   * @param name the option, as its builder method is called
   * @param current its value so far, null when unset (never printed: it may be a secret)
   * @param owner the builder's type, for the message
   * @throws IllegalStateException naming the option
   */
  public static void requireUnset(String name, Object current, String owner) {
    Objects.requireNonNull(name, "name");
    if (current != null) {
      throw new IllegalStateException(owner + ": " + name + " was already set; each option may be set once");
    }
  }

  /**
   * Throws when an option is given while another that excludes it is set.
   *
   * @param name the option being set
   * @param value its new value (non-null)
   * @param other the option it conflicts with
   * @param otherValue that option's value, null when unset
   * @param owner the builder's type, for the message
   * @throws IllegalStateException naming both options
   */
  public static void requireNotBoth(String name, Object value, String other, Object otherValue, String owner) {
    if (value != null && otherValue != null && !Boolean.FALSE.equals(value) && !Boolean.FALSE.equals(otherValue)) {
      throw new IllegalStateException(owner + ": " + name + " and " + other + " exclude each other; set one of them");
    }
  }
}
