package org.xphonediag.webapi.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.Protocol;
import okhttp3.Response;

/**
 * An okhttp {@link EventListener} for one call that records how long each phase took: DNS,
 * connect, TLS and the time to the first response byte (docs/field-guide.md#connection-test step 2). Thread-safe.
 */
public final class PhaseTimings extends EventListener {
  private long callStart;
  private long dnsStart;
  private long connectStart;
  private long tlsStart;
  private long requestStart;
  private final Map<String, Duration> phases = new LinkedHashMap<>();
  private volatile String connectedTo;

  @Override
  public synchronized void callStart(Call call) {
    callStart = System.nanoTime();
  }

  @Override
  public synchronized void dnsStart(Call call, String domainName) {
    dnsStart = System.nanoTime();
  }

  @Override
  public synchronized void dnsEnd(Call call, String domainName, List<InetAddress> addresses) {
    phases.put("dns", Duration.ofNanos(System.nanoTime() - dnsStart));
  }

  @Override
  public synchronized void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
    connectStart = System.nanoTime();
    connectedTo = address.getAddress().getHostAddress() + ":" + address.getPort();
  }

  @Override
  public synchronized void secureConnectStart(Call call) {
    tlsStart = System.nanoTime();
    phases.put("connect", Duration.ofNanos(tlsStart - connectStart));
  }

  @Override
  public synchronized void secureConnectEnd(Call call, Handshake handshake) {
    phases.put("tls", Duration.ofNanos(System.nanoTime() - tlsStart));
  }

  @Override
  public synchronized void connectEnd(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol) {
    phases.putIfAbsent("connect", Duration.ofNanos(System.nanoTime() - connectStart));
  }

  @Override
  public synchronized void requestHeadersStart(Call call) {
    requestStart = System.nanoTime();
  }

  @Override
  public synchronized void responseHeadersEnd(Call call, Response response) {
    if (requestStart != 0) {
      phases.put("firstByte", Duration.ofNanos(System.nanoTime() - requestStart));
    }
  }

  @Override
  public synchronized void callEnd(Call call) {
    phases.put("total", Duration.ofNanos(System.nanoTime() - callStart));
  }

  @Override
  public synchronized void callFailed(Call call, java.io.IOException ioe) {
    phases.put("total", Duration.ofNanos(System.nanoTime() - callStart));
  }

  /** The phases seen so far in order: dns, connect, tls, firstByte, total (those that happened). */
  public synchronized Map<String, Duration> phases() {
    return Map.copyOf(phases).isEmpty() ? Map.of() : new LinkedHashMap<>(phases);
  }

  /** True when the TLS handshake started and has not ended (the call failed inside it). */
  public synchronized boolean inTlsHandshake() {
    return tlsStart != 0 && !phases.containsKey("tls");
  }

  /** The address connected to, as ip:port, if a connection was attempted. */
  public String connectedTo() {
    return connectedTo;
  }
}
