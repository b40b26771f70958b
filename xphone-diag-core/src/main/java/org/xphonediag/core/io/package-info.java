/**
 * Reading and writing local files safely: {@link org.xphonediag.core.io.InputFiles} reads an input
 * file with a cap enforced while reading (whatever the file kind: a device has no size) and refuses
 * what is not a regular file (a FIFO would block, a device never ends); text is decoded strictly,
 * with a located error. {@link org.xphonediag.core.io.AtomicFile} replaces a file so that readers
 * see the old content or the new one, never a part.
 *
 * <pre>{@code
 * String xml = InputFiles.readText(Path.of("acl.conf.xml"), ReadLimit.ACL);
 * AtomicFile.write(Path.of("report.json"), out -> out.write(json));
 * }</pre>
 */
package org.xphonediag.core.io;
