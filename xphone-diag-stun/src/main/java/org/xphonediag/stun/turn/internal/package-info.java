/**
 * Implementation of the TURN checks: message-oriented connections over UDP, TCP and TLS, the
 * client session (Allocate, CreatePermission, Send/Data, Refresh) and the echo peer. Not API.
 */
package org.xphonediag.stun.turn.internal;
