/**
 * WebClientApi checks: the mobile app's five-step connection test, the browser tester's calls,
 * TLS chain inspection, SignalR transports and reverse-proxy paths (docs/field-guide.md#topology, #ports-and-paths, #connection-test, #proxies).
 *
 * <p>Entry points: {@link org.xphonediag.webapi.WebApiSession} (checks sharing a login),
 * {@link org.xphonediag.webapi.WebApiOptions}, {@link org.xphonediag.webapi.WebApiProfile} (the
 * routes, which are not public and therefore configurable), {@link org.xphonediag.webapi.TlsInspector}
 * and {@link org.xphonediag.webapi.TlsCheck}.
 */
package org.xphonediag.webapi;
