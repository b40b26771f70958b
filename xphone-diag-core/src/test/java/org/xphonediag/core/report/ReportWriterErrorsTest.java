package org.xphonediag.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Details;
import org.xphonediag.core.Report;

class ReportWriterErrorsTest {

  /** A writer that accepts {@code room} characters and then fails as a full disk does. */
  private static final class FullDisk extends Writer {
    private int room;

    FullDisk(int room) {
      this.room = room;
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
      if (len > room) {
        throw new IOException("No space left on device");
      }
      room -= len;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  }

  private static Report report() {
    return Report.builder("test").result(CheckResult.builder(CheckId.of("a.b")).title("A").summary("fine").build())
        .data("rows", Details.of("k", "v")).build();
  }

  @ParameterizedTest
  @EnumSource(ReportFormat.class)
  void writeWhenTargetFailsThenIoExceptionWithItsMessage(ReportFormat format) {
    IOException e = assertThrows(IOException.class, () -> format.writer().write(report(), new FullDisk(10)));
    assertTrue(String.valueOf(e.getMessage()).contains("No space left on device"), format + ": " + e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(ReportFormat.class)
  void writeWhenTargetFailsOnlyAtTheEndThenStillReported(ReportFormat format) throws IOException {
    int size = format.writer().toString(report()).length();
    assertThrows(IOException.class, () -> format.writer().write(report(), new FullDisk(size - 1)));
    FullDisk enough = new FullDisk(size);
    format.writer().write(report(), enough);
    assertEquals(0, enough.room);
  }
}
