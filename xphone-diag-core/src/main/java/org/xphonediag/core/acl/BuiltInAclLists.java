package org.xphonediag.core.acl;

import static org.xphonediag.core.acl.AclType.ALLOW;
import static org.xphonediag.core.acl.AclType.DENY;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.xphonediag.core.net.Cidr;

/**
 * FreeSWITCH's built-in {@code .auto} network lists (docs/field-guide.md#xcc-acls), with the fixed definitions
 * FreeSWITCH creates at start-up before it reads {@code acl.conf.xml}:
 * <ul>
 *   <li>{@code rfc1918.auto}: deny by default; allow 10/8, 172.16/12, 192.168/16, fe80::/10.
 *   <li>{@code rfc6598.auto}: deny by default; allow 100.64/10.
 *   <li>{@code wan.auto}: allow by default; deny 0/8, 10/8, 172.16/12, 192.168/16, 169.254/16,
 *       100.64/10, fe80::/10.
 *   <li>{@code wan_v4.auto}: as {@code wan.auto} for IPv4, and deny ::/0.
 *   <li>{@code wan_v6.auto}: allow by default; deny 0.0.0.0/0, fe80::/10.
 *   <li>{@code any_v4.auto}: allow by default; deny ::/0. {@code any_v6.auto}: allow by default;
 *       deny 0.0.0.0/0.
 *   <li>{@code loopback.auto}: deny by default; allow 127/8 and ::1/128.
 *   <li>{@code localnet.auto}: deny by default; allow the host's local networks.
 *   <li>{@code nat.auto}: deny by default; deny the host's local networks; allow 10/8, 172.16/12,
 *       192.168/16, 100.64/10.
 * </ul>
 * The last two depend on the XCC host's own networks, which an offline analysis must be told;
 * without them the local-network nodes are absent (localnet.auto then allows nothing). FreeSWITCH
 * adds the one network of the interface it guesses as the host's (IPv4) as a host/mask node; give
 * that network. The /0 nodes cover their whole family (FreeSWITCH 1.6 and later).
 */
public final class BuiltInAclLists {
  /** The names of the lists that depend on the host's local networks. */
  public static final Set<String> NEED_LOCAL_NETWORKS = Set.of("localnet.auto", "nat.auto");

  private static final List<String> PRIVATE_V4 =
      List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16");
  private static final List<String> WAN_DENY_V4 =
      List.of("0.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "100.64.0.0/10");

  private BuiltInAclLists() {}

  /** Every built-in list, by name, for a host with the given local networks (may be empty). */
  public static Map<String, AclList> all(List<Cidr> localNetworks) {
    Map<String, AclList> m = new LinkedHashMap<>();
    put(m, "rfc6598.auto", DENY, nodes(ALLOW, List.of("100.64.0.0/10")));
    put(m, "rfc1918.auto", DENY, nodes(ALLOW, concat(PRIVATE_V4, List.of("fe80::/10"))));
    put(m, "wan.auto", ALLOW, nodes(DENY, concat(WAN_DENY_V4, List.of("fe80::/10"))));
    put(m, "wan_v6.auto", ALLOW, nodes(DENY, List.of("0.0.0.0/0", "fe80::/10")));
    put(m, "wan_v4.auto", ALLOW, nodes(DENY, concat(WAN_DENY_V4, List.of("::/0"))));
    put(m, "any_v6.auto", ALLOW, nodes(DENY, List.of("0.0.0.0/0")));
    put(m, "any_v4.auto", ALLOW, nodes(DENY, List.of("::/0")));
    List<AclNode> nat = new ArrayList<>();
    localNetworks.forEach(c -> nat.add(hostMask(DENY, c)));
    nat.addAll(nodes(ALLOW, concat(PRIVATE_V4, List.of("100.64.0.0/10"))));
    put(m, "nat.auto", DENY, nat);
    put(m, "loopback.auto", DENY, nodes(ALLOW, List.of("127.0.0.0/8", "::1/128")));
    List<AclNode> local = new ArrayList<>();
    localNetworks.forEach(c -> local.add(hostMask(ALLOW, c)));
    put(m, "localnet.auto", DENY, local);
    return m;
  }

  /** The built-in list {@code name} for a host with the given local networks. */
  public static Optional<AclList> get(String name, List<Cidr> localNetworks) {
    return Optional.ofNullable(all(localNetworks).get(name));
  }

  /** {@code wan.auto}: what FreeSWITCH applies to candidates when no candidate ACL is configured. */
  public static AclList wanAuto() {
    return all(List.of()).get("wan.auto");
  }

  private static void put(Map<String, AclList> m, String name, AclType dflt, List<AclNode> nodes) {
    m.put(name, AclList.builtIn(name, dflt, nodes));
  }

  /** FreeSWITCH adds the host's network as host/mask ({@code switch_network_list_add_host_mask}). */
  private static AclNode hostMask(AclType type, Cidr c) {
    if (!c.isIpv4()) {
      return AclNode.of(type, c);
    }
    int bits = c.prefixLength();
    int mask = bits == 0 ? 0 : -1 << (32 - bits);
    String maskText = (mask >>> 24) + "." + (mask >>> 16 & 0xff) + "." + (mask >>> 8 & 0xff) + "." + (mask & 0xff);
    String host = c.address().toString();
    return AclNode.freeswitch(AclNode.Kind.HOST_MASK, type,
        org.xphonediag.core.acl.internal.FsNet.hostMask(host, maskText).net().orElseThrow(), c.toString(), null);
  }

  private static List<AclNode> nodes(AclType type, List<String> cidrs) {
    List<AclNode> out = new ArrayList<>();
    cidrs.forEach(c -> out.add(AclNode.of(type, c)));
    return out;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
