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
import org.xphonediag.sip.SdpAnalysis;
import org.xphonediag.sip.SdpAnalyzer;
import org.xphonediag.sip.sdp.SdpCandidate;
import org.xphonediag.sip.sdp.SdpFormatException;
import org.xphonediag.sip.sdp.SdpParser;

/** Parsing an XPhone client offer (docs/field-guide.md#reading-a-trace) and one candidate line: the SDP work of the trace analysis. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class SdpParseBenchmark {
  private static final String OFFER = String.join("\r\n",
      "v=0",
      "o=IceLink 3775293749 1 IN IP4 192.168.101.12",
      "s=-",
      "t=0 0",
      "m=audio 50000 UDP/TLS/RTP/SAVPF 111 0 8 101",
      "c=IN IP4 203.0.113.7",
      "a=ice-ufrag:BUmkOSgeYbP7L5rF",
      "a=ice-pwd:q8Vd1qz0hL3mK7xYtR2pW9sN",
      "a=fingerprint:sha-256 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB:3B:E6:91:1A:9E:8D:DF:95:1B:3A:F4:69",
      "a=setup:actpass",
      "a=rtcp-mux",
      "a=rtpmap:111 opus/48000/2",
      "a=rtpmap:0 PCMU/8000",
      "a=rtpmap:8 PCMA/8000",
      "a=rtpmap:101 telephone-event/8000",
      "a=candidate:1 1 UDP 2130706431 192.168.101.12 50000 typ host generation 0",
      "a=candidate:2 1 UDP 1694498815 203.0.113.7 50000 typ srflx raddr 192.168.101.12 rport 50000 generation 0",
      "a=end-of-candidates",
      "a=sendrecv",
      "");
  private static final String CANDIDATE =
      "a=candidate:2 1 UDP 1694498815 203.0.113.7 50000 typ srflx raddr 192.168.101.12 rport 50000 generation 0";

  @Benchmark
  public SdpAnalysis parseAndAnalyzeOffer() throws SdpFormatException {
    return SdpAnalyzer.defaults().analyze(SdpParser.defaults().parse(OFFER, "bench"));
  }

  @Benchmark
  public SdpCandidate parseCandidate() throws SdpFormatException {
    return SdpCandidate.parse(CANDIDATE);
  }
}
