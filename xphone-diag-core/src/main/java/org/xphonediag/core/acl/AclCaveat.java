package org.xphonediag.core.acl;

import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.FindingCode;

/**
 * Why an ACL decision is not certain (docs/field-guide.md#xcc-acls): a node whose addresses only the running XCC
 * knows could decide otherwise ({@code acl.not-evaluable}), or the decision rests on, or could be
 * overturned by, a node FreeSWITCH evaluates in an undefined way ({@code acl.undefined-node}).
 *
 * @param code the finding code that names the kind of doubt
 * @param reason one sentence: which node, and why it makes the decision uncertain
 * @param node the node in question; empty when the doubt is about the address or the list itself
 */
public record AclCaveat(String code, String reason, Optional<AclNode> node) {

  /** Validates the caveat. */
  public AclCaveat {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(node, "node");
  }

  static AclCaveat undefined(String reason, AclNode node) {
    return new AclCaveat(FindingCatalog.ACL_UNDEFINED_NODE.code(), reason, Optional.ofNullable(node));
  }

  static AclCaveat notEvaluable(String reason, AclNode node) {
    return new AclCaveat(FindingCatalog.ACL_NOT_EVALUABLE.code(), reason, Optional.ofNullable(node));
  }

  /** The catalogue entry of {@link #code()}. */
  public FindingCode findingCode() {
    return FindingCatalog.ACL_UNDEFINED_NODE.code().equals(code) ? FindingCatalog.ACL_UNDEFINED_NODE
        : FindingCatalog.ACL_NOT_EVALUABLE;
  }
}
