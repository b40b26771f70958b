package org.xphonediag.examples;

import java.util.List;
import org.xphonediag.core.acl.AclChain;
import org.xphonediag.core.acl.AclChainDecision;
import org.xphonediag.core.acl.AclConfig;
import org.xphonediag.core.net.IpAddress;

/**
 * Recipe: an ACL what-if. Would the XCC accept an INVITE from these addresses, with the white and
 * blacklist of docs/field-guide.md#xcc-acls? Prints one decision with its explanation per address.
 */
public final class AclWhatIf {
  private AclWhatIf() {}

  public static void main(String[] args) throws Exception {
    String xml = """
        <configuration name="acl.conf">
          <network-lists>
            <list name="xcc_whitelist" default="deny">
              <node type="allow" cidr="192.168.1.0/24"/>
            </list>
            <list name="xcc_blacklist" default="allow">
              <node type="deny" cidr="192.168.0.0/16"/>
            </list>
          </network-lists>
        </configuration>
        """;
    AclConfig config = AclConfig.parse(xml, "acl.conf.xml");
    AclChain inbound = AclChain.resolve(config, List.of("xcc_whitelist", "xcc_blacklist"), List.of());
    List<String> ips = args.length > 0 ? List.of(args) : List.of("192.168.1.20", "192.168.2.20", "10.0.50.118");
    for (String ip : ips) {
      AclChainDecision d = inbound.inbound(IpAddress.parse(ip));
      System.out.println(ip + " -> " + d.decision() + ": " + d.explain());
    }
  }
}
