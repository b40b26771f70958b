package org.xphonediag.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.Secret;
import org.xphonediag.stun.IceAnswer;
import org.xphonediag.stun.IceBindingCheck;
import org.xphonediag.testkit.stun.StunResponder;

/**
 * The overhead of one ICE binding probe (socket, HMAC, FINGERPRINT, selector, decode, verify) over
 * a raw UDP echo round trip of the same size, both on loopback.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar IceProbeRtt}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class IceProbeRttBenchmark {
  private StunResponder responder;
  private IceBindingCheck probe;
  private DatagramChannel echoServer;
  private Thread echoThread;
  private DatagramChannel echoClient;
  private final ByteBuffer ping = ByteBuffer.allocate(108);
  private final ByteBuffer pong = ByteBuffer.allocate(2048);

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    responder = StunResponder.builder().ice("xcc", Secret.of("benchmark-password")).start();
    probe = IceBindingCheck.builder(responder.address()).remoteUfrag("xcc")
        .remotePassword(Secret.of("benchmark-password")).localUfrag("bench").build();
    echoServer = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    echoThread = new Thread(() -> {
      ByteBuffer b = ByteBuffer.allocate(2048);
      try {
        while (true) {
          b.clear();
          java.net.SocketAddress from = echoServer.receive(b);
          b.flip();
          echoServer.send(b, from);
        }
      } catch (IOException e) {
        // closed at tear-down
      }
    }, "udp-echo");
    echoThread.setDaemon(true);
    echoThread.start();
    echoClient = DatagramChannel.open();
    echoClient.connect(echoServer.getLocalAddress());
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    responder.close();
    echoServer.close();
    echoClient.close();
  }

  /** One ICE probe: fresh connected socket, request with integrity and fingerprint, verified answer. */
  @Benchmark
  public IceAnswer iceProbe() throws InterruptedException {
    IceAnswer r = probe.probe(CheckContext.standalone(CheckCatalog.STUN_ICE_PROBE, Duration.ofSeconds(5)));
    if (r.kind() != IceAnswer.Kind.SUCCESS) {
      throw new IllegalStateException("probe did not succeed: " + r);
    }
    return r;
  }

  /** One raw UDP round trip of a request-sized datagram on a kept-open socket. */
  @Benchmark
  public int rawUdpEcho() throws IOException {
    ping.clear();
    echoClient.write(ping);
    pong.clear();
    return echoClient.read(pong);
  }
}
