package org.xphonediag.webapi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.Secret;

/**
 * One TURN server entry the WebClientApi hands out with its STUN servers, in the WebRTC
 * {@code RTCIceServer} shape {@code {urls: [...], username, credential}} (docs/field-guide.md#connection-test; the field
 * names come from the {@link WebApiProfile}). Immutable. The credential is a {@link Secret}:
 * {@link #toString()} masks it and no check puts it into details, messages or reports.
 *
 * @param urls the entry's URIs as given ({@code turn:}, {@code turns:}, also {@code stun:}), in order
 * @param username the long-term user name, when the entry has one
 * @param credential the long-term password, when the entry has one
 */
public record TurnServerEntry(List<String> urls, Optional<String> username, Optional<Secret> credential) {
  /** Copies the URL list and requires every component. */
  public TurnServerEntry {
    urls = List.copyOf(urls);
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(credential, "credential");
  }

  /** The {@code turn:} and {@code turns:} URIs of this entry (scheme compared case-insensitively). */
  public List<String> turnUrls() {
    return urls.stream().filter(TurnServerEntry::isTurn).toList();
  }

  /** True when the entry has a user name and a credential for long-term authentication. */
  public boolean hasCredentials() {
    return username.isPresent() && credential.isPresent();
  }

  static boolean isTurn(String url) {
    String u = url.strip().toLowerCase(java.util.Locale.ROOT);
    return u.startsWith("turn:") || u.startsWith("turns:");
  }

  @Override
  public String toString() {
    return "TurnServerEntry[urls=" + urls + ", username=" + username.orElse("-") + ", credential="
        + (credential.isPresent() ? Secret.MASK : "-") + "]";
  }
}
