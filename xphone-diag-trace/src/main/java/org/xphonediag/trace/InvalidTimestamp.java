package org.xphonediag.trace;

/**
 * A frame whose pcap record header held an impossible time stamp: a sub-second field of 10^6 or
 * more (microsecond files) or 10^9 or more (nanosecond files). tcpdump prints such a frame with
 * {@code (invalid us)} and tshark reads on; so does the reader, taking the time as written (the
 * sub-second field carried into the seconds) and flagging the frame.
 *
 * @param frame the frame number
 * @param byteOffset where the sub-second field lies in the file
 * @param subSecond the field's value
 * @param nanos true when the field counts nanoseconds, false for microseconds
 */
public record InvalidTimestamp(long frame, long byteOffset, long subSecond, boolean nanos) {}
