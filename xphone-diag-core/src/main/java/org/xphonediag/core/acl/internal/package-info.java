/**
 * Implementation of the ACL engine: the prefix trie and the hardened {@code acl.conf.xml} reader.
 * Not API: use {@link org.xphonediag.core.acl} instead.
 */
package org.xphonediag.core.acl.internal;
