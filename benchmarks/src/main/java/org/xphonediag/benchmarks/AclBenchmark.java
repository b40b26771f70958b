package org.xphonediag.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xphonediag.core.acl.AclList;
import org.xphonediag.core.acl.AclListDecision;
import org.xphonediag.core.acl.AclNode;
import org.xphonediag.core.acl.AclType;
import org.xphonediag.core.net.Cidr;
import org.xphonediag.core.net.IpAddress;

/**
 * Evaluating addresses against one FreeSWITCH network list of 10,000 nodes (docs/field-guide.md#xcc-acls: many
 * rules make FreeSWITCH's linear scan slow; the engine's prefix trie must not). Addresses are
 * parsed in setup; each operation is one evaluation. Run on one thread: {@code java -jar
 * benchmarks/target/benchmarks.jar Acl -f 1 -wi 2 -i 3 -t 1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class AclBenchmark {
  @Param({"10000"})
  int nodes;

  private AclList list;
  private IpAddress[] addresses;
  private int[] v4;
  private int[] nets;
  private int[] masks;
  private int[] lens;
  private boolean[] allow;
  private int i;

  @Setup
  public void setUp() {
    Random r = new Random(7);
    List<AclNode> written = new ArrayList<>(nodes);
    for (int n = 0; n < nodes; n++) {
      int len = 16 + r.nextInt(17); // /16 .. /32
      written.add(AclNode.of(r.nextBoolean() ? AclType.ALLOW : AclType.DENY,
          Cidr.of(IpAddress.ofBytes(randomV4(r)), len)));
    }
    list = AclList.of("bench", AclType.DENY, written);
    addresses = new IpAddress[4096];
    v4 = new int[4096];
    for (int a = 0; a < addresses.length; a++) {
      addresses[a] = IpAddress.ofBytes(randomV4(r));
      v4[a] = toInt(addresses[a].bytes());
    }
    nets = new int[nodes];
    masks = new int[nodes];
    lens = new int[nodes];
    allow = new boolean[nodes];
    for (int n = 0; n < nodes; n++) {
      Cidr c = written.get(n).prefix().orElseThrow();
      lens[n] = c.prefixLength();
      masks[n] = lens[n] == 0 ? 0 : -1 << (32 - lens[n]);
      nets[n] = toInt(c.address().bytes()) & masks[n];
      allow[n] = written.get(n).type() == AclType.ALLOW;
    }
  }

  private static int toInt(byte[] b) {
    return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | b[3] & 0xff;
  }

  private static byte[] randomV4(Random r) {
    // concentrate on 10.0.0.0/12 so that lookups walk deep, matching paths
    return new byte[] {10, (byte) r.nextInt(16), (byte) r.nextInt(256), (byte) r.nextInt(256)};
  }

  /** The verdict only (what a bulk check needs). */
  @Benchmark
  public boolean allows() {
    return list.allows(addresses[i++ & 4095]);
  }

  /** The verdict with its explanation (list, node, reason). */
  @Benchmark
  public AclListDecision evaluate() {
    return list.evaluate(addresses[i++ & 4095]);
  }

  /**
   * Baseline: FreeSWITCH's way, a linear scan over every node keeping the longest match, on
   * pre-masked integers (cheaper per node than FreeSWITCH itself).
   */
  @Benchmark
  public boolean linearScanBaseline() {
    int ip = v4[i++ & 4095];
    boolean ok = false;
    int best = -1;
    for (int n = 0; n < nets.length; n++) {
      if (lens[n] > best && (ip & masks[n]) == nets[n]) {
        best = lens[n];
        ok = allow[n];
      }
    }
    return ok;
  }
}
