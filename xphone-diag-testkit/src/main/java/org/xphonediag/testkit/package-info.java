/**
 * A loopback lab for integration tests: {@link org.xphonediag.testkit.Lab} starts a fake XPhone
 * deployment (WebClientApi over HTTPS, SignalR hub, reverse-proxy paths) in a named
 * {@link org.xphonediag.testkit.Scenario}, and on request a STUN server, the XCC's media port and
 * SIP side, and the deployment's files. The test doubles it is made of are public too:
 * {@code org.xphonediag.testkit.stun} and {@code .sip} (responders), {@code .capture} (pcap and
 * pcapng writers), {@code .hostile} (scripted hostile peers).
 */
package org.xphonediag.testkit;
