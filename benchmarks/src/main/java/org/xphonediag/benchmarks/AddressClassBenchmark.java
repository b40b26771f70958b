package org.xphonediag.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xphonediag.core.net.AddressClass;
import org.xphonediag.core.net.IpAddress;

/** Parsing and classifying candidate addresses, the inner loop of SDP and trace analysis. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class AddressClassBenchmark {
  private final String[] texts = {"192.168.101.12", "203.0.113.7", "2001:db8::1", "fe80::1", "10.0.50.118"};
  private int i;

  @Benchmark
  public AddressClass parseAndClassify() {
    String t = texts[i++ % texts.length];
    return IpAddress.parse(t).addressClass();
  }
}
