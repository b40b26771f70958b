package org.xphonediag.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xphonediag.core.CheckContext;
import org.xphonediag.stun.PortSweep;
import org.xphonediag.stun.UdpPortSweepCheck;
import org.xphonediag.testkit.stun.StunResponder;

/**
 * Whole-sweep figures (not JMH): sweeps 127.0.0.1 ports 30000-33000 against a responder that
 * answers every third port, keeps every third port silent and leaves the rest closed (ICMP), once
 * paced at the default 2000 packets/s and once unpaced; prints wall time against one probe budget
 * (5 s) and packets per second.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.xphonediag.benchmarks.SweepWallTime [from to]}
 */
public final class SweepWallTime {
  private SweepWallTime() {}

  public static void main(String[] args) throws Exception {
    int from = args.length > 0 ? Integer.parseInt(args[0]) : 30000;
    int to = args.length > 1 ? Integer.parseInt(args[1]) : 33000;
    InetAddress lo = InetAddress.getLoopbackAddress();
    StunResponder.Builder b = StunResponder.builder();
    int answering = 0;
    int silent = 0;
    List<Integer> taken = new ArrayList<>();
    for (int p = from; p <= to; p++) {
      int kind = (p - from) % 3;
      if (kind == 2) {
        continue; // closed: ICMP port unreachable
      }
      if (!free(lo, p)) {
        taken.add(p);
        continue;
      }
      b.port(p, kind == 0 ? StunResponder.Behavior.ANSWER : StunResponder.Behavior.SILENT);
      if (kind == 0) {
        answering++;
      } else {
        silent++;
      }
    }
    System.out.printf(Locale.ROOT, "ports %d-%d: %d answering, %d silent, rest closed (%d in use elsewhere, skipped)%n",
        from, to, answering, silent, taken.size());
    try (StunResponder r = b.start()) {
      run("paced 2000 pps", UdpPortSweepCheck.builder(lo, from, to).build());
      run("unpaced       ", UdpPortSweepCheck.builder(lo, from, to).unpaced().build());
    }
  }

  private static void run(String label, UdpPortSweepCheck sweep) throws InterruptedException {
    long t0 = System.nanoTime();
    PortSweep r = sweep.sweep(CheckContext.standalone(sweep.id(), Duration.ofSeconds(30)));
    double s = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT,
        "%s: wall %.2f s (%.0f%% of one 5 s probe budget), %d packets, %.0f packets/s; answered %d, silent %d, "
            + "unreachable %d, rejected %d, unprobed %d%n",
        label, s, s / 5 * 100, r.packetsSent(), r.packetsSent() / s, r.answered().size(), r.silent().size(),
        r.unreachable().size(), r.rejected().size(), r.unprobed().size());
  }

  private static boolean free(InetAddress lo, int port) {
    try (DatagramChannel ch = DatagramChannel.open()) {
      ch.bind(new InetSocketAddress(lo, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
