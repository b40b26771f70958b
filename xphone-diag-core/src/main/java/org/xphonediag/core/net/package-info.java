/**
 * IP addresses, CIDR prefixes, {@code host:port} and address classification without DNS lookups.
 */
package org.xphonediag.core.net;
