package org.xphonediag.core.acl;

import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.SourceLocation;
import org.xphonediag.core.net.Cidr;

/**
 * One {@code <node>} of a network list (docs/field-guide.md#xcc-acls): its type, the prefix it covers, the text as
 * written and where it was written. A node without a usable prefix (a {@code domain=} node, a
 * variable, an undefined host/mask) is kept for reporting but takes no part in evaluation.
 * Immutable and thread-safe.
 */
public final class AclNode {
  /** How the node names its addresses. */
  public enum Kind {
    /** {@code cidr="a.b.c.d/n"} (one part of a comma-separated cidr attribute). */
    CIDR,
    /** {@code host="…" mask="…"}. */
    HOST_MASK,
    /** {@code domain="…"}: the cidr attributes of a directory's users, unknown offline. */
    DOMAIN,
    /** A node without cidr, host+mask or domain, which FreeSWITCH ignores. */
    EMPTY
  }

  private final Kind kind;
  private final AclType type;
  private final Cidr prefix;
  private final String text;
  private final SourceLocation location;

  private AclNode(Kind kind, AclType type, Cidr prefix, String text, SourceLocation location) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.type = Objects.requireNonNull(type, "type");
    this.prefix = prefix;
    this.text = Objects.requireNonNull(text, "text");
    this.location = location;
  }

  /** An evaluable CIDR node, e.g. for built-in lists and tests; the text is the prefix. */
  public static AclNode of(AclType type, Cidr prefix) {
    return new AclNode(Kind.CIDR, type, Objects.requireNonNull(prefix, "prefix"), prefix.toString(), null);
  }

  /** An evaluable CIDR node, parsed from {@code cidr} ({@code address/length}). */
  public static AclNode of(AclType type, String cidr) {
    return of(type, Cidr.parse(cidr));
  }

  /**
   * A node as read from a file.
   *
   * @param prefix the prefix it covers, or null when it cannot be evaluated offline
   * @param text what names its addresses as written: {@code 10.0.0.0/8},
   *     {@code 192.168.1.0/255.255.255.0}, {@code domain=example.com}
   * @param location where it was written, or null
   */
  public static AclNode read(Kind kind, AclType type, Cidr prefix, String text, SourceLocation location) {
    return new AclNode(kind, type, prefix, text, location);
  }

  public Kind kind() {
    return kind;
  }

  /** The node's type: its {@code type} attribute, or its list's default when it has none. */
  public AclType type() {
    return type;
  }

  /** The prefix, when the node can be evaluated offline. */
  public Optional<Cidr> prefix() {
    return Optional.ofNullable(prefix);
  }

  /** True when the node takes part in evaluation. */
  public boolean evaluable() {
    return prefix != null;
  }

  /** The address part as written, e.g. {@code 10.0.0.0/8}. */
  public String text() {
    return text;
  }

  /** Where the node was written; empty for built-in lists. */
  public Optional<SourceLocation> location() {
    return Optional.ofNullable(location);
  }

  /** The node as written: type and addresses, e.g. {@code allow 10.0.0.0/8}. */
  public String asWritten() {
    return type.written() + " " + text;
  }

  /** {@link #asWritten()} plus the line where known, e.g. {@code allow 10.0.0.0/8 (line 7)}. */
  public String describe() {
    if (location == null || location.line().isEmpty()) {
      return asWritten();
    }
    return asWritten() + " (line " + location.line().getAsInt() + ")";
  }

  @Override
  public String toString() {
    return describe();
  }
}
