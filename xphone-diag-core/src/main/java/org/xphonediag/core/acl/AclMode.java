package org.xphonediag.core.acl;

import java.util.Locale;

/** Where a FreeSWITCH SIP profile applies a chain of lists (docs/field-guide.md#xcc-acls). */
public enum AclMode {
  /** {@code apply-inbound-acl}: lists in order, the first that allows wins; none allows -> 403. */
  INBOUND,
  /** {@code apply-register-acl}: every list must allow; the first deny -> 403. */
  REGISTER,
  /**
   * {@code apply-candidate-acl}: UDP candidates with literal addresses; a candidate is usable when
   * some list allows it; none usable -> 488. Without lists, {@code wan.auto} applies.
   */
  CANDIDATE;

  /** {@code inbound}, {@code register} or {@code candidate}. */
  public String optionName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
