/**
 * Implementation of the WebAPI checks: the okhttp client with deadlines and body caps, phase
 * timings, the SignalR probe, JSON and JWT helpers. Not API: may change in any release.
 */
package org.xphonediag.webapi.internal;
