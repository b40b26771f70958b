/**
 * Implementation of the ACL engine: the prefix trie, FreeSWITCH's reading of XML (preprocessor
 * and lenient parser, {@link org.xphonediag.core.acl.internal.FsXml}) and of node addresses
 * ({@link org.xphonediag.core.acl.internal.FsNet}). Not API: use {@link org.xphonediag.core.acl}
 * instead.
 */
package org.xphonediag.core.acl.internal;
