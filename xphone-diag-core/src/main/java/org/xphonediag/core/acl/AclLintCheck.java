package org.xphonediag.core.acl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.xphonediag.core.Check;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Finding;
import org.xphonediag.core.net.Cidr;

/**
 * The check {@code acl.lint}: lints a parsed {@code acl.conf.xml} and the XCC's inbound chain with
 * {@link AclLint} (docs/field-guide.md#xcc-acls). Offline and fast; it honours cancellation between steps. A list
 * name the file does not define is an {@code acl.unknown-list} finding (FreeSWITCH denies every
 * address for it). Immutable and thread-safe.
 */
public final class AclLintCheck implements Check {

  private final AclConfig config;
  private final List<String> inboundLists;
  private final List<Cidr> localNetworks;
  private final AclLint lint;

  /**
   * @param config the parsed file
   * @param inboundLists the profile's {@code apply-inbound-acl} list names, in order
   * @param localNetworks the XCC host's networks (for {@code localnet.auto}, {@code nat.auto})
   * @param lint the lint options (server address, local XCC, rule threshold)
   */
  public AclLintCheck(AclConfig config, List<String> inboundLists, List<Cidr> localNetworks, AclLint lint) {
    this.config = Objects.requireNonNull(config, "config");
    this.inboundLists = List.copyOf(inboundLists);
    this.localNetworks = List.copyOf(localNetworks);
    this.lint = Objects.requireNonNull(lint, "lint");
  }

  @Override
  public CheckId id() {
    return CheckCatalog.ACL_LINT;
  }

  @Override
  public String title() {
    return "XCC ACL configuration";
  }

  @Override
  public CheckResult run(CheckContext context) throws InterruptedException {
    context.checkCancelled();
    List<Finding> findings = new ArrayList<>();
    AclChain chain = AclChain.resolveLenient(config, inboundLists, localNetworks, findings);
    context.checkCancelled();
    findings.addAll(lint.lint(config, chain));
    context.checkCancelled();
    return CheckResult.builder(CheckCatalog.ACL_LINT).title(title()).findings(findings)
        .summary(String.format(Locale.ROOT, "%d lists, %d nodes, inbound chain %s, %d findings",
            config.lists().size(), config.nodeCount(), chain.names(), findings.size()))
        .detail("lists", config.lists().size()).detail("nodes", config.nodeCount())
        .detail("inboundChain", chain.names()).build();
  }
}
