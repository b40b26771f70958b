package org.xphonediag.core.acl;

import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.SourceLocation;
import org.xphonediag.core.acl.internal.FsNet;
import org.xphonediag.core.net.Cidr;

/**
 * One {@code <node>} of a network list (docs/field-guide.md#xcc-acls): its type, the addresses it covers as
 * FreeSWITCH stores them, the text as written and where it was written. Three kinds of node take
 * no confident part in evaluation and say why: a node whose addresses only the running XCC knows
 * ({@code domain=}, a {@code $${variable}}, an {@code X-PRE-PROCESS include}), a node whose
 * addresses FreeSWITCH itself leaves undefined (an address {@code inet_pton} cannot read,
 * {@code 0.0.0.0/32}), and a node FreeSWITCH ignores. Immutable and thread-safe.
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
    EMPTY,
    /** {@code <X-PRE-PROCESS cmd="include|exec">} inside the list: nodes this reader cannot see. */
    INCLUDE
  }

  private final Kind kind;
  private final AclType type;
  private final FsNet net;
  private final String text;
  private final SourceLocation location;
  private final String hiddenReason;

  private AclNode(Kind kind, AclType type, FsNet net, String text, SourceLocation location, String hiddenReason) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.type = Objects.requireNonNull(type, "type");
    this.net = net;
    this.text = Objects.requireNonNull(text, "text");
    this.location = location;
    this.hiddenReason = hiddenReason;
  }

  /** An evaluable CIDR node, e.g. for built-in lists and tests; the text is the prefix. */
  public static AclNode of(AclType type, Cidr prefix) {
    return new AclNode(Kind.CIDR, type, net(prefix), prefix.toString(), null, null);
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
    FsNet n = prefix == null ? null : net(prefix);
    return new AclNode(kind, type, n, text, location,
        prefix == null && kind != Kind.EMPTY ? "its addresses are not known offline" : null);
  }

  /** FreeSWITCH's view of a prefix given as a value (not as text: no ::ffff: handling). */
  private static FsNet net(Cidr prefix) {
    Objects.requireNonNull(prefix, "prefix");
    return prefix.isIpv4() ? FsNet.ipv4(FsNet.toInt(prefix.address().bytes()), prefix.prefixLength())
        : FsNet.ipv6(prefix.address().bytes(), prefix.prefixLength());
  }

  /** A node with FreeSWITCH's view of its addresses. */
  static AclNode freeswitch(Kind kind, AclType type, FsNet net, String text, SourceLocation location) {
    return new AclNode(kind, type, Objects.requireNonNull(net, "net"), text, location, null);
  }

  /** A node whose addresses only the running XCC knows; {@code why} says what they depend on. */
  static AclNode hidden(Kind kind, AclType type, String text, SourceLocation location, String why) {
    return new AclNode(kind, type, null, text, location, Objects.requireNonNull(why, "why"));
  }

  /** A node FreeSWITCH ignores. */
  static AclNode ignored(AclType type, SourceLocation location) {
    return new AclNode(Kind.EMPTY, type, null, "(nothing)", location, null);
  }

  public Kind kind() {
    return kind;
  }

  /** The node's type: its {@code type} attribute, or its list's default when it has none. */
  public AclType type() {
    return type;
  }

  /**
   * The prefix, when the node matches exactly the addresses of one CIDR prefix (for a host/mask
   * node: in IPv4 lookups); empty for the other forms, which are still evaluated where
   * FreeSWITCH's result is known (see {@link #evaluable()}).
   */
  public Optional<Cidr> prefix() {
    return net == null || !net.defined() || net.x86AllIpv4() ? Optional.empty() : net.prefix();
  }

  /** True when the node takes part in evaluation with a result known offline. */
  public boolean evaluable() {
    return net != null && net.undefined().isEmpty();
  }

  /**
   * Why FreeSWITCH's match for this node is undefined (an address it cannot read, a shift beyond
   * the word size); empty for the others.
   */
  public Optional<String> undefinedReason() {
    return net == null ? Optional.empty() : net.undefined();
  }

  /** Why only the running XCC knows this node's addresses ({@code domain=}, include, variable); empty otherwise. */
  public Optional<String> hiddenReason() {
    return Optional.ofNullable(hiddenReason);
  }

  /** True when the node may match addresses an offline evaluation cannot tell. */
  public boolean uncertain() {
    return hiddenReason != null || net != null && !net.undefined().isEmpty();
  }

  /** FreeSWITCH's view of the addresses; null for hidden and ignored nodes. */
  FsNet net() {
    return net;
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
    return kind == Kind.INCLUDE ? text : type.written() + " " + text;
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
