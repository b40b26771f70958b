package org.xphonediag.exporter.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.xphonediag.doctor.DeploymentProfile;
import org.xphonediag.doctor.ProfileException;
import org.xphonediag.doctor.ProfileReader;

/**
 * The deployment profiles of a folder, one per probe target: target {@code acme} is
 * {@code acme.jsonc} or {@code acme.json}. A profile is read on its first probe and read again
 * when its file changes (size, modification time or the file itself, as an editor's atomic
 * replace does); a file that cannot be used is reported with every problem located, and a value
 * quoted from the file is not shown (it may be a password pasted into the wrong key).
 * Thread-safe.
 */
public final class ProfileDirectory {
  /** What a target may look like: no path separators, no leading dot. */
  public static final Pattern TARGET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final List<String> EXTENSIONS = List.of(".jsonc", ".json");
  private static final int MAX_LISTED = 20;

  private final Path dir;
  private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();
  private final AtomicLong reads = new AtomicLong();

  private record Entry(Path file, Object fileKey, FileTime modified, long size, DeploymentProfile profile,
      String problem) {
    boolean sameFile(Path f, BasicFileAttributes a) {
      return file.equals(f) && Objects.equals(fileKey, a.fileKey()) && modified.equals(a.lastModifiedTime())
          && size == a.size();
    }
  }

  public ProfileDirectory(Path dir) {
    this.dir = Objects.requireNonNull(dir, "dir");
  }

  public Path dir() {
    return dir;
  }

  /** How many times a profile file was read (first reads and reloads). */
  public long reads() {
    return reads.get();
  }

  /**
   * The profile of {@code target}, read again if its file changed.
   *
   * @throws ProbeException 400 for a malformed target, 404 for an unknown one, 500 for a profile
   *     file that cannot be used
   */
  public DeploymentProfile load(String target) throws ProbeException {
    if (!TARGET.matcher(target).matches()) {
      throw new ProbeException(400, "target must be a profile name (letters, digits, '.', '_', '-'; at most 128; "
          + "no path) but was '" + Answers.printable(target) + "'");
    }
    List<Path> found = new ArrayList<>();
    for (String ext : EXTENSIONS) {
      Path f = dir.resolve(target + ext);
      if (Files.isRegularFile(f)) {
        found.add(f);
      }
    }
    if (found.isEmpty()) {
      cache.remove(target);
      throw new ProbeException(404, "no profile for target '" + target + "' in " + dir + " (looked for " + target
          + ".jsonc and " + target + ".json); known targets: " + listing());
    }
    if (found.size() > 1) {
      throw new ProbeException(500, "two profiles for target '" + target + "' in " + dir + ": " + target
          + ".jsonc and " + target + ".json; remove one");
    }
    Path file = found.get(0);
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      throw new ProbeException(500, "profile " + file + " cannot be read: " + e.getMessage());
    }
    Entry e = cache.get(target);
    if (e == null || !e.sameFile(file, attrs)) {
      e = read(file, attrs);
      cache.put(target, e);
    }
    if (e.problem() != null) {
      throw new ProbeException(500, e.problem());
    }
    return e.profile();
  }

  private Entry read(Path file, BasicFileAttributes attrs) {
    reads.incrementAndGet();
    try {
      return new Entry(file, attrs.fileKey(), attrs.lastModifiedTime(), attrs.size(), ProfileReader.read(file), null);
    } catch (NoSuchFileException ex) {
      return new Entry(file, attrs.fileKey(), attrs.lastModifiedTime(), attrs.size(), null,
          "profile " + file + " disappeared while it was read");
    } catch (IOException ex) {
      return new Entry(file, attrs.fileKey(), attrs.lastModifiedTime(), attrs.size(), null,
          "profile " + file + " cannot be read: " + ex.getMessage());
    } catch (ProfileException ex) {
      return new Entry(file, attrs.fileKey(), attrs.lastModifiedTime(), attrs.size(), null,
          "profile " + file + " is not usable: " + String.join("; ",
              ex.problems().stream().map(p -> hideValue(p.toString())).toList()));
    }
  }

  /** The targets of the folder, sorted (at most 1,000 files are looked at). */
  public List<String> targets() {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      int seen = 0;
      for (Path p : s) {
        if (++seen > 1000) {
          break;
        }
        String n = p.getFileName().toString();
        for (String ext : EXTENSIONS) {
          if (n.endsWith(ext) && TARGET.matcher(n.substring(0, n.length() - ext.length())).matches()) {
            names.add(n.substring(0, n.length() - ext.length()));
          }
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    names.sort(null);
    return names;
  }

  private String listing() {
    List<String> t = targets();
    if (t.isEmpty()) {
      return "none";
    }
    return t.size() <= MAX_LISTED ? String.join(", ", t)
        : String.join(", ", t.subList(0, MAX_LISTED)) + " and " + (t.size() - MAX_LISTED) + " more";
  }

  /**
   * Leaves out the value a profile problem quotes at its end ({@code ... but was 'VALUE'}), so that a
   * password pasted into the wrong key reaches neither an answer nor a log.
   */
  static String hideValue(String problem) {
    int at = problem.indexOf(" but was '");
    return at >= 0 && problem.endsWith("'") ? problem.substring(0, at) + " but was a value that is not shown" : problem;
  }
}
