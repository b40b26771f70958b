/**
 * Implementation of the SIP probes: a client transaction layer of our own on one socket per probe,
 * requests written as text, answers read with jain-sip's message parser. Not API.
 */
package org.xphonediag.sip.internal;
