package org.xphonediag.dist;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.xphonediag.cli.Main;
import org.xphonediag.testkit.capture.SyntheticCapture;

/**
 * The workload the distribution's class-data-sharing archive is recorded from: the build runs it
 * once with {@code -XX:ArchiveClassesAtExit=lib/xphone-diag.jsa} on the launcher's class path, so
 * the classes these commands load are mapped from the archive instead of being read, verified and
 * linked at every start. The commands run in-process through {@link Main#run}, their output
 * discarded: {@code findings} (text and JSON), {@code trace} of a 1,000-frame synthetic capture,
 * {@code sdp} of an IceLink offer, and the usage help. Exits 1 when a command exits with an unexpected
 * code, so that a broken CLI fails the build.
 *
 * <p>{@code doctor --demo} is left out: on OpenJDK 17.0.15 the dynamic dump crashes the JVM
 * ({@code SystemDictionaryShared::adjust_lambda_proxy_class_dictionary}) once the SignalR client,
 * a signed jar whose classes CDS excludes, has created lambdas. The doctor still runs with the archive;
 * its classes load as without it.
 */
public final class CdsTraining {
  private CdsTraining() {}

  /**
   * Runs the workload; with an argument, the installation folder, writes {@code lib/xphone-diag.jsa.home}
   * there (the folder's real path), which tells the launcher that the archive was recorded for it.
   */
  public static void main(String[] args) throws IOException {
    if (args.length > 0) {
      Path home = Path.of(args[0]).toRealPath();
      Files.writeString(home.resolve("lib").resolve("xphone-diag.jsa.home"), home + "\n");
    }
    Path dir = Files.createTempDirectory("xphone-diag-cds");
    int failures = 0;
    try {
      Path capture = dir.resolve("training.pcapng");
      try (OutputStream out = Files.newOutputStream(capture)) {
        SyntheticCapture.write(out, 1000, 25);
      }
      Path sdp = dir.resolve("offer.sdp");
      try (InputStream in = CdsTraining.class.getResourceAsStream("training-offer.sdp")) {
        Files.copy(in, sdp);
      }
      List<List<String>> runs = List.of(
          List.of("0", "--version"), List.of("0", "--help"),
          List.of("0", "findings", "--json"), List.of("0", "findings"),
          List.of("0", "trace", capture.toString(), "--json"), List.of("0", "trace", capture.toString()),
          List.of("0", "sdp", sdp.toString(), "--json"), List.of("0", "sdp", sdp.toString()),
          List.of("2", "trace", dir.resolve("missing.pcap").toString()));
      for (List<String> run : runs) {
        int expected = Integer.parseInt(run.get(0));
        String[] cli = run.subList(1, run.size()).toArray(String[]::new);
        int code = Main.run(cli, new PrintWriter(Writer.nullWriter()), new PrintWriter(Writer.nullWriter()), false);
        if (code != expected) {
          System.err.println("cds training: xphone-diag " + String.join(" ", cli) + " exited " + code + ", expected "
              + expected);
          failures++;
        }
      }
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    System.exit(failures == 0 ? 0 : 1);
  }
}
