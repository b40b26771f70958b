package org.xphonediag.stun;

import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.Secret;

/**
 * Credentials that key MESSAGE-INTEGRITY (RFC 8489 §9): short-term (the key is the SASLprep'ed
 * password, e.g. an ICE password, RFC 8445 §7.2.2) or long-term (the key is
 * MD5(username ":" realm ":" SASLprep(password)), RFC 5769 §2.4). Immutable; the password stays a
 * {@link Secret} and is never printed.
 */
public final class StunCredentials {
  private final String username;
  private final String realm;
  private final Secret password;

  private StunCredentials(String username, String realm, Secret password) {
    this.username = username;
    this.realm = realm;
    this.password = Objects.requireNonNull(password, "password");
  }

  /** Short-term credentials: the key is the password itself. */
  public static StunCredentials shortTerm(Secret password) {
    return new StunCredentials(null, null, password);
  }

  /** Long-term credentials: the key is MD5(username:realm:password). */
  public static StunCredentials longTerm(String username, String realm, Secret password) {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(realm, "realm");
    return new StunCredentials(username, realm, password);
  }

  /** True for long-term credentials. */
  public boolean isLongTerm() {
    return username != null;
  }

  /** The username of long-term credentials. */
  public Optional<String> username() {
    return Optional.ofNullable(username);
  }

  /** The realm of long-term credentials. */
  public Optional<String> realm() {
    return Optional.ofNullable(realm);
  }

  /** The password. */
  public Secret password() {
    return password;
  }

  @Override
  public String toString() {
    return isLongTerm()
        ? "StunCredentials[long-term " + username + "@" + realm + ", " + Secret.MASK + "]"
        : "StunCredentials[short-term " + Secret.MASK + "]";
  }
}
