/**
 * Hostile and broken peers on loopback, for tests that prove a check stays bounded by its deadline
 * and keeps its caps and secrets against them: {@link org.xphonediag.testkit.hostile.HostileTcpServer}
 * (black hole, TLS stalled mid-handshake, endless lines), {@link
 * org.xphonediag.testkit.hostile.HostileHttpServer} (redirect loops, cross-host redirects, unbounded
 * and dripping bodies, stalled WebSocket upgrades) and {@link
 * org.xphonediag.testkit.hostile.HostileUdpPeer} (garbage, oversized datagrams, wrong source,
 * wrong transaction id). They know no protocol beyond what the script needs, so partners can
 * point them at their own code too.
 */
package org.xphonediag.testkit.hostile;
