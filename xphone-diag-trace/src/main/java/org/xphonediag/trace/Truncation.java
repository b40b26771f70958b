package org.xphonediag.trace;

/**
 * Where a capture ended inside a record: the byte offset of the cut-off record, the frame number it
 * would have had, and how many bytes of it were present. Every frame before it was read.
 *
 * @param byteOffset offset of the cut-off record's first byte
 * @param frameNumber the 1-based number the cut-off frame would have had
 * @param bytesPresent bytes of the record present in the file
 * @param bytesExpected bytes the record should have had, or -1 when its header was cut
 */
public record Truncation(long byteOffset, long frameNumber, long bytesPresent, long bytesExpected) {}
