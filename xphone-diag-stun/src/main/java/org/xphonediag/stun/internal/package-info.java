/**
 * Implementation of the STUN module: wire codec, keys, UDP transactions and the sweep engine. Not
 * API; may change without notice.
 */
package org.xphonediag.stun.internal;
