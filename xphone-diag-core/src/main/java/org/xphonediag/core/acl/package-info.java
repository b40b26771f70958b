/**
 * The FreeSWITCH ACL engine (docs/field-guide.md#xcc-acls): reads {@code acl.conf.xml}, evaluates addresses against
 * network lists and chains exactly as the XCC (a FreeSWITCH) would, explains each decision, and
 * lints the configuration. Entry points: {@link org.xphonediag.core.acl.AclConfig#parse},
 * {@link org.xphonediag.core.acl.AclChain}, {@link org.xphonediag.core.acl.AclLint} and the checks
 * {@link org.xphonediag.core.acl.AclLintCheck} ({@code acl.lint}), {@link org.xphonediag.core.acl.AclServerCheck}
 * ({@code acl.server}) and {@link org.xphonediag.core.acl.AclCandidatesCheck} ({@code acl.candidates}).
 *
 * <pre>{@code
 * AclConfig config = AclConfig.parse(Path.of("acl.conf.xml"));
 * AclChain chain = AclChain.resolve(config, List.of("xcc_whitelist", "xcc_blacklist"), List.of());
 * AclChainDecision d = chain.inbound(IpAddress.parse("192.168.1.20"));
 * System.out.println(d.decision() + ": " + d.explain());
 * }</pre>
 */
package org.xphonediag.core.acl;
