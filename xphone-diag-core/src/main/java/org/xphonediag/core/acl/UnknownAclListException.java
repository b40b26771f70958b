package org.xphonediag.core.acl;

import java.util.Collection;
import java.util.Locale;

/**
 * A chain names a list that is neither in {@code acl.conf.xml}, nor built in, nor a CIDR literal.
 * FreeSWITCH denies every address for such a name; for a caller it is usually a typo.
 */
public final class UnknownAclListException extends IllegalArgumentException {
  private final String name;

  public UnknownAclListException(String name, Collection<String> known) {
    super(String.format(Locale.ROOT, "ACL list '%s' is not defined (list names are case-sensitive); known lists: %s",
        name, String.join(", ", known)));
    this.name = name;
  }

  /** The unknown name. */
  public String name() {
    return name;
  }
}
