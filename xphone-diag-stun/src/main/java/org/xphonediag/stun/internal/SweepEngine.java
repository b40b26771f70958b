package org.xphonediag.stun.internal;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xphonediag.stun.RetransmissionPolicy;
import org.xphonediag.stun.StunClass;
import org.xphonediag.stun.StunCredentials;
import org.xphonediag.stun.StunMessage;
import org.xphonediag.stun.Verification;

/**
 * Probes a UDP port range from one thread: one connected channel per port in flight (so ICMP port
 * unreachable is seen per port), a token bucket capping packets per second (retransmissions
 * first), per-port retransmissions and one overall deadline. Not thread-safe; one run per engine.
 */
public final class SweepEngine {
  private static final Logger LOG = LoggerFactory.getLogger(SweepEngine.class);

  /** Per-port states in {@link Result#states()}. */
  public static final byte UNPROBED = 0;
  public static final byte IN_FLIGHT = 1;
  public static final byte ANSWERED = 2;
  public static final byte REJECTED = 3;
  public static final byte SILENT = 4;
  public static final byte UNREACHABLE = 5;

  /**
   * What a sweep found.
   *
   * @param states the state of port {@code from + i}
   * @param errorCodes the error code of rejected port {@code from + i}, else 0
   * @param integrity the integrity of answered port {@code from + i}
   * @param packetsSent requests sent
   * @param ignored datagrams ignored
   * @param elapsedNanos wall time
   */
  public record Result(byte[] states, int[] errorCodes, Verification[] integrity, long packetsSent, long ignored,
      long elapsedNanos) {}

  /** Progress callback: ports finished of total. */
  public interface Progress {
    void report(long done, long total);
  }

  private static final class Probe {
    final int index;
    final byte[] txid;
    final byte[] request;
    DatagramChannel channel;
    int sent;
    long start;
    long next;
    boolean done;

    Probe(int index, byte[] txid, byte[] request) {
      this.index = index;
      this.txid = txid;
      this.request = request;
    }
  }

  private final InetAddress host;
  private final int from;
  private final int to;
  private final Function<byte[], byte[]> requests;
  private final StunCredentials credentials;
  private final RetransmissionPolicy policy;
  private final double rate;
  private final int maxInFlight;

  /**
   * @param requests builds the request for a transaction id
   * @param credentials verifies response integrity; may be null
   * @param rate packets per second, or {@code Double.POSITIVE_INFINITY} for unpaced
   */
  public SweepEngine(InetAddress host, int from, int to, Function<byte[], byte[]> requests,
      StunCredentials credentials, RetransmissionPolicy policy, double rate, int maxInFlight) {
    this.host = host;
    this.from = from;
    this.to = to;
    this.requests = requests;
    this.credentials = credentials;
    this.policy = policy;
    this.rate = rate;
    this.maxInFlight = maxInFlight;
  }

  /** Runs the sweep until every port is done or {@code deadlineNanos}. */
  public Result run(long deadlineNanos, BooleanSupplier cancelled, Progress progress)
      throws IOException, InterruptedException {
    int total = to - from + 1;
    byte[] states = new byte[total];
    int[] codes = new int[total];
    Verification[] integrity = new Verification[total];
    PriorityQueue<Probe> timers = new PriorityQueue<>((a, b) -> Long.compare(a.next, b.next));
    ByteBuffer in = ByteBuffer.allocate(Codec.MAX_MESSAGE);
    long start = System.nanoTime();
    long packets = 0;
    long ignored = 0;
    int nextIndex = 0;
    int inFlight = 0;
    long done = 0;
    long lastReport = 0;
    double burst = Double.isInfinite(rate) ? Double.POSITIVE_INFINITY : Math.max(1, rate / 50);
    double tokens = Double.isInfinite(rate) ? Double.POSITIVE_INFINITY : Math.min(burst, 1);
    long lastRefill = start;
    boolean ipv6 = host instanceof Inet6Address;
    try (Selector selector = Selector.open()) {
      try {
        while (true) {
          if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("UDP sweep of " + host.getHostAddress() + " was cancelled");
          }
          long now = System.nanoTime();
          if (now - deadlineNanos >= 0) {
            break;
          }
          if (!Double.isInfinite(rate)) {
            tokens = Math.min(burst, tokens + (now - lastRefill) * rate / 1e9);
            lastRefill = now;
          }
          // retransmissions and give-ups first
          while (!timers.isEmpty() && timers.peek().next - now <= 0) {
            Probe p = timers.peek();
            if (p.done) {
              timers.poll();
              continue;
            }
            if (p.sent >= policy.maxTransmissions()) {
              timers.poll();
              finish(p, states, SILENT);
              inFlight--;
              done++;
              continue;
            }
            if (tokens < 1) {
              break;
            }
            timers.poll();
            tokens--;
            packets++;
            if (!send(p, states)) {
              inFlight--;
              done++;
              continue;
            }
            schedule(p, timers);
          }
          // new ports
          while (nextIndex < total && inFlight < maxInFlight && tokens >= 1) {
            byte[] txid = Requests.newTransactionId();
            Probe p = new Probe(nextIndex, txid, requests.apply(txid));
            states[nextIndex] = IN_FLIGHT;
            nextIndex++;
            p.channel = DatagramChannel.open(ipv6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            p.channel.configureBlocking(false);
            p.channel.connect(new InetSocketAddress(host, from + p.index));
            p.channel.register(selector, SelectionKey.OP_READ, p);
            p.start = System.nanoTime();
            inFlight++;
            tokens--;
            packets++;
            if (!send(p, states)) {
              inFlight--;
              done++;
              continue;
            }
            schedule(p, timers);
          }
          if (nextIndex >= total && inFlight == 0) {
            break;
          }
          now = System.nanoTime();
          long wait = deadlineNanos - now;
          if (!timers.isEmpty()) {
            wait = Math.min(wait, timers.peek().next - now);
          }
          if (tokens < 1 && !Double.isInfinite(rate)) {
            wait = Math.min(wait, (long) ((1 - tokens) * 1e9 / rate));
          } else if (nextIndex < total && inFlight < maxInFlight) {
            wait = 0;
          }
          long ms = Math.min(20, wait / 1_000_000);
          if (ms <= 0) {
            selector.selectNow();
          } else {
            selector.select(ms);
          }
          for (SelectionKey key : selector.selectedKeys()) {
            Probe p = (Probe) key.attachment();
            while (!p.done) {
              in.clear();
              int n;
              try {
                n = p.channel.read(in);
              } catch (PortUnreachableException e) {
                finish(p, states, UNREACHABLE);
                inFlight--;
                done++;
                break;
              } catch (IOException e) {
                LOG.debug("sweep read on port {} failed: {}", from + p.index, e.toString());
                break;
              }
              if (n <= 0) {
                break;
              }
              byte[] data = Arrays.copyOf(in.array(), in.position());
              StunMessage m = UdpTransaction.match(data, p.txid, credentials);
              if (m == null) {
                ignored++;
                continue;
              }
              boolean ok = m.messageClass() == StunClass.SUCCESS_RESPONSE;
              if (ok) {
                integrity[p.index] = m.integrity();
              } else {
                codes[p.index] = m.errorCode().orElse(0);
              }
              finish(p, states, ok ? ANSWERED : REJECTED);
              inFlight--;
              done++;
            }
          }
          selector.selectedKeys().clear();
          now = System.nanoTime();
          if (now - lastReport > 100_000_000L) {
            progress.report(done, total);
            lastReport = now;
          }
        }
      } finally {
        for (SelectionKey key : new java.util.ArrayList<>(selector.keys())) {
          Probe p = (Probe) key.attachment();
          if (!p.done) {
            finish(p, states, p.sent > 0 ? SILENT : UNPROBED);
          }
        }
      }
    }
    progress.report(total, total);
    return new Result(states, codes, integrity, packets, ignored, System.nanoTime() - start);
  }

  private boolean send(Probe p, byte[] states) {
    try {
      p.channel.write(ByteBuffer.wrap(p.request));
      p.sent++;
      return true;
    } catch (PortUnreachableException e) {
      finish(p, states, UNREACHABLE);
      return false;
    } catch (IOException e) {
      LOG.debug("sweep send to port {} failed: {}", from + p.index, e.toString());
      p.sent++;
      return true;
    }
  }

  private void schedule(Probe p, PriorityQueue<Probe> timers) {
    p.next = p.start + (p.sent < policy.maxTransmissions() ? policy.offsetNanos(p.sent) : policy.giveUpNanos());
    timers.add(p);
  }

  private void finish(Probe p, byte[] states, byte state) {
    p.done = true;
    states[p.index] = state;
    try {
      p.channel.close();
    } catch (IOException e) {
      LOG.debug("closing sweep channel failed: {}", e.toString());
    }
  }
}
