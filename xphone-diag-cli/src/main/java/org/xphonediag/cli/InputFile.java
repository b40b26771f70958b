package org.xphonediag.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.xphonediag.core.io.InputFileException;
import org.xphonediag.core.io.InputFiles;
import org.xphonediag.core.io.ReadLimit;

/**
 * How the commands read the files named on the command line: through the core's bounded reader
 * ({@link InputFiles}: regular files only, a cap per kind while reading, strict text decoding), and
 * every failure as one line naming the option and the file, {@code cannot read --acl FILE: REASON}
 * (exit 2).
 */
final class InputFile {
  private InputFile() {}

  /** The bytes of {@code file}, at most the cap of {@code limit}. */
  static byte[] bytes(String what, Path file, ReadLimit limit) {
    try {
      return InputFiles.readBytes(file, limit);
    } catch (IOException e) {
      throw unreadable(what, file, e);
    }
  }

  /** The text of {@code file} (UTF-8, or UTF-16 with a byte order mark), at most the cap of {@code limit}. */
  static String text(String what, Path file, ReadLimit limit) {
    try {
      return InputFiles.readText(file, limit);
    } catch (IOException e) {
      throw unreadable(what, file, e);
    }
  }

  /** {@code file}, once it is known to be a regular file, for the readers that stream it. */
  static Path regular(String what, Path file) {
    try {
      InputFiles.requireRegularFile(file);
      return file;
    } catch (IOException e) {
      throw unreadable(what, file, e);
    }
  }

  /** The one-line usage error for {@code file} that could not be read. */
  static UsageException unreadable(String what, Object file, IOException e) {
    return new UsageException("cannot read " + what + " " + file + ": " + reason(e, String.valueOf(file)), e);
  }

  /** What went wrong, without the file name the exception's message may start with. */
  static String reason(IOException e, String file) {
    if (e instanceof InputFileException i) {
      return i.reason();
    }
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    m = m.startsWith(file + ": ") ? m.substring(file.length() + 2) : m;
    return m.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
