/**
 * A loopback lab for integration tests: {@link org.xphonediag.testkit.Lab} starts a fake XPhone
 * deployment (WebClientApi over HTTPS, SignalR hub, reverse-proxy paths) in a named
 * {@link org.xphonediag.testkit.Scenario}. Later parts (STUN/ICE and SIP responders) join the
 * same lab.
 */
package org.xphonediag.testkit;
