package org.xphonediag.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParameterException;

/**
 * The {@code xphone-diag} command. Exit codes (ARCHITECTURE.md): 0 nothing worse than WARN, 1 some
 * FAIL, 2 bad usage or unreadable input (one line on stderr, no stack trace), 3 ERROR.
 */
@Command(name = "xphone-diag", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Diagnostics for XPhone Connect Softphone Mobile deployments.")
public final class Main implements Runnable {
  /** Exit code for bad usage or input that cannot be read. */
  public static final int EXIT_USAGE = 2;
  /** Exit code for an internal error. */
  public static final int EXIT_ERROR = 3;

  /**
   * The subcommands, in the order the usage help lists them. Registered lazily: a run names one command
   * first, and building picocli's model of only that one (instead of all of them) is most of the
   * CLI's start-up time.
   */
  private static final List<Class<?>> COMMANDS = List.of(
      FindingsCommand.class,
      AclCommand.class,
      ConfigCommand.class,
      StunCommand.class,
      StunDecodeCommand.class,
      IceProbeCommand.class,
      SweepCommand.class,
      TurnCommand.class,
      WebApiCommand.class,
      TlsCommand.class,
      TraceCommand.class,
      SdpCommand.class,
      SipProbeCommand.class,
      DoctorCommand.class,
      TicketCommand.class,
      ServeCommand.class,
      CommandLine.HelpCommand.class);

  private final boolean interactive;
  private final ShutdownGuard shutdown;

  @picocli.CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  Main(boolean interactive, ShutdownGuard shutdown) {
    this.interactive = interactive;
    this.shutdown = shutdown;
  }

  boolean interactive() {
    return interactive;
  }

  /** What the command does when the JVM shuts down under it (a signal). */
  ShutdownGuard shutdown() {
    return shutdown;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a command is required, e.g. 'findings'");
  }

  public static void main(String[] args) {
    // Libraries that log through java.util.logging (OkHttp, MockWebServer) go through slf4j as ours do:
    // one configuration (simplelogger.properties, WARN) decides what reaches stderr.
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    // Straight to the file descriptor: System.out is a PrintStream that swallows write errors.
    FailureKeepingStream stdout = new FailureKeepingStream(new FileOutputStream(FileDescriptor.out));
    PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code = run(args, out, err, System.console() != null, ShutdownGuard.install(), stdout::failure);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Runs the CLI with the given streams and returns the exit code; used by {@link #main} and tests.
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err, boolean interactive) {
    return run(args, out, err, interactive, ShutdownGuard.none(), () -> "the write failed");
  }

  /**
   * Runs the CLI; a report that could not be written to {@code out} (a full disk, a closed stdout,
   * a reader that went away) is exit 2 with one line, {@code outFailure} saying why.
   */
  static int run(String[] args, PrintWriter out, PrintWriter err, boolean interactive, ShutdownGuard shutdown,
      java.util.function.Supplier<String> outFailure) {
    int code = execute(args, out, err, interactive, shutdown);
    if (out.checkError() && code != EXIT_USAGE) {
      err.println("xphone-diag: cannot write to standard output: " + oneLine(outFailure.get()));
      err.flush();
      return EXIT_USAGE;
    }
    return code;
  }

  private static int execute(String[] args, PrintWriter out, PrintWriter err, boolean interactive,
      ShutdownGuard shutdown) {
    if (args.length > 0 && TraceCommand.NAME.equals(args[0])) {
      TraceWarmUp.startOnce(); // before picocli's own start-up, which takes a few hundred ms
    }
    CommandLine cl = new CommandLine(new Main(interactive, shutdown));
    Class<?> named = args.length == 0 ? null : COMMANDS.stream()
        .filter(c -> c != CommandLine.HelpCommand.class && c.getAnnotation(Command.class).name().equals(args[0]))
        .findFirst().orElse(null);
    for (Class<?> c : named == null ? COMMANDS : List.of(named)) {
      cl.addSubcommand(c);
    }
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler((ex, a) -> {
      CommandLine c = ex.getCommandLine();
      err.println("xphone-diag: " + oneLine(ex.getMessage()) + " (see '" + c.getCommandSpec().qualifiedName()
          + " --help')");
      err.flush();
      return EXIT_USAGE;
    });
    cl.setExecutionExceptionHandler((ex, c, parsed) -> {
      if (ex instanceof UsageException) {
        err.println("xphone-diag: " + oneLine(ex.getMessage()));
        err.flush();
        return EXIT_USAGE;
      }
      err.println("xphone-diag: internal error: " + ex.getClass().getName()
          + (ex.getMessage() == null ? "" : ": " + oneLine(ex.getMessage())));
      if (System.getenv("XPHONE_DIAG_DEBUG") != null) {
        ex.printStackTrace(err);
      }
      err.flush();
      return EXIT_ERROR;
    });
    try {
      return cl.execute(args);
    } catch (OutOfMemoryError e) {
      err.println("xphone-diag: out of memory (" + oneLine(e.getMessage()) + "); give the JVM more heap with -Xmx");
      err.flush();
      return EXIT_ERROR;
    }
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }

  /** Reads the version written at build time. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {"xphone-diag " + p.getProperty("version", "unknown")};
    }
  }
}
