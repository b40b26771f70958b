/**
 * A WebClientApi written for the webapi module's ITs from the protocols alone (HTTP/1.1 RFC
 * 9110/9112, WebSocket RFC 6455, ASP.NET Core SignalR's TransportProtocols.md and HubProtocol.md),
 * independent of the testkit lab, with cases for the proxies, portals and server settings met in
 * the field (docs/field-guide.md#ports-and-paths, #connection-test, #proxies): {@link org.xphonediag.webapi.fake.FakeWebClientApi}.
 */
package org.xphonediag.webapi.fake;
