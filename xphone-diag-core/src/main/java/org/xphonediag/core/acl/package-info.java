/**
 * The FreeSWITCH ACL engine (docs/field-guide.md#xcc-acls): reads {@code acl.conf.xml} as FreeSWITCH reads it,
 * evaluates addresses against network lists and chains as the XCC (a FreeSWITCH 1.6 or later)
 * would, explains each decision, says when one is uncertain ({@link org.xphonediag.core.acl.AclCaveat}),
 * predicts which offered candidate the XCC takes ({@link org.xphonediag.core.acl.AclChain#candidates(java.util.List,
 * org.xphonediag.core.acl.RtpFamilies)}), and lints the configuration. Entry points: {@link org.xphonediag.core.acl.AclConfig#parse},
 * {@link org.xphonediag.core.acl.AclChain}, {@link org.xphonediag.core.acl.AclLint} and the checks
 * {@link org.xphonediag.core.acl.AclLintCheck} ({@code acl.lint}), {@link org.xphonediag.core.acl.AclServerCheck}
 * ({@code acl.server}) and {@link org.xphonediag.core.acl.AclCandidatesCheck} ({@code acl.candidates}).
 *
 * <pre>{@code
 * AclConfig config = AclConfig.parse(Path.of("acl.conf.xml"));
 * AclChain chain = AclChain.resolveAsXcc(config, List.of("xcc_whitelist", "xcc_blacklist"), List.of());
 * AclChainDecision d = chain.inbound(IpAddress.parse("192.168.1.20"));
 * System.out.println(d.decision() + (d.certain() ? "" : " (uncertain)") + ": " + d.explain());
 * }</pre>
 */
package org.xphonediag.core.acl;
