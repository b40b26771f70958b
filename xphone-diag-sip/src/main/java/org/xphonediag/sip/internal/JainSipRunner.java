package org.xphonediag.sip.internal;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xphonediag.sip.SipMethod;
import org.xphonediag.sip.SipProbeResult.Outcome;
import org.xphonediag.sip.SipTransport;

/**
 * The one adapter around jain-sip (STYLE.md: third-party singletons confined to one place). Each
 * run builds its own uniquely named {@link SipStackImpl} (never through {@code SipFactory}'s
 * global cache), waits for events on a queue with the probe's own deadline, ends what it started
 * (CANCEL, ACK, BYE) and stops the stack, interrupting the {@code EventScannerThread}s that
 * {@code stop()} leaves parked (DEPENDENCIES.md).
 *
 * <p>Two waits of jain-sip 1.3 are taken out, both a one-second {@code Thread.sleep} in {@code
 * SIPTransactionStack.stopStack()} that lets the stack's threads die. On {@code stop()} the sleep
 * is cut short (it ends at once on an interrupted thread), because the probe joins the threads it
 * started itself. And {@code SipStackImpl.finalize()} runs {@code stopStack()} again, sleeping on
 * the JVM's single finalizer thread for every stack ever created: a tool that probes more than
 * once a second would fall behind on finalization and keep garbage alive. The stack here is
 * always stopped explicitly, so its finalizer is overridden with an empty one, which the JVM does
 * not register at all.
 */
public final class JainSipRunner {
  private static final Logger LOG = LoggerFactory.getLogger(JainSipRunner.class);
  private static final AtomicLong SEQ = new AtomicLong();
  /** Serialises stack creation and stop so that the event scanner threads each starts can be told apart. */
  private static final Object STACK_LOCK = new Object();
  private static final String SCANNER = "EventScannerThread";
  private static final Duration POLL_SLICE = Duration.ofMillis(50);

  private JainSipRunner() {}

  /** What to send. {@code body} is null for OPTIONS. */
  public record Spec(InetAddress address, int port, String user, SipTransport transport, SipMethod method,
      byte[] body, Duration timeout, Duration cleanupGrace, InetAddress localAddress, BooleanSupplier cancelled) {}

  /** What happened; {@code statusCode} and {@code reason} only for ANSWERED. */
  public record Raw(Outcome outcome, int statusCode, String reason, List<Integer> provisional, Duration elapsed,
      List<String> cleanup, String error) {}

  /** The local address the OS would send from towards {@code target} (a connected UDP socket sends nothing). */
  public static InetAddress localAddressTowards(InetAddress target) {
    if (target.isLoopbackAddress()) {
      return target;
    }
    try (DatagramSocket s = new DatagramSocket()) {
      s.connect(new InetSocketAddress(target, 9));
      InetAddress local = s.getLocalAddress();
      return local == null || local.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : local;
    } catch (SocketException e) {
      return InetAddress.getLoopbackAddress();
    }
  }

  /** Runs one probe; see the class comment. */
  public static Raw run(Spec spec) throws InterruptedException {
    InetAddress local = spec.localAddress() != null ? spec.localAddress() : localAddressTowards(spec.address());
    String transport = spec.transport().jsonName();
    Properties p = new Properties();
    p.setProperty("javax.sip.STACK_NAME", "xphone-diag-probe-" + SEQ.incrementAndGet() + "-" + UUID.randomUUID());
    p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
    p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", Slf4jServerLogger.class.getName());
    p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
    p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
    p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "65536");
    p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "1");
    p.setProperty("gov.nist.javax.sip.READ_TIMEOUT", "1000");
    p.setProperty("gov.nist.javax.sip.CONNECTION_TIMEOUT", String.valueOf(Math.max(1, spec.timeout().toMillis())));
    List<Thread> scanners = new ArrayList<>();
    SipStackImpl stack;
    synchronized (STACK_LOCK) {
      List<Thread> before = scannerThreads();
      try {
        stack = new SipStackImpl(p) {
          @Override
          @SuppressWarnings({"deprecation", "removal"})
          protected void finalize() {
            // stopped explicitly in close(); see the class comment
          }
        };
      } catch (javax.sip.PeerUnavailableException e) {
        throw new IllegalStateException("cannot create a SIP stack: " + e.getMessage(), e);
      } finally {
        scanners.addAll(newThreads(before));
      }
    }
    Probe probe = new Probe(spec, stack);
    try {
      return probe.execute(local, transport);
    } finally {
      probe.close(scanners);
    }
  }

  /** The state of one probe. */
  private static final class Probe implements SipListener {
    private final Spec spec;
    private final SipStackImpl stack;
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final List<Integer> provisional = new ArrayList<>();
    private final List<String> cleanup = new ArrayList<>();
    private final AddressFactoryImpl addresses = new AddressFactoryImpl();
    private final HeaderFactoryImpl headers = new HeaderFactoryImpl();
    private final MessageFactoryImpl messages = new MessageFactoryImpl();
    private ListeningPoint listeningPoint;
    private SipProvider provider;
    private ClientTransaction invite;

    Probe(Spec spec, SipStackImpl stack) {
      this.spec = spec;
      this.stack = stack;
    }

    Raw execute(InetAddress local, String transport) throws InterruptedException {
      long start = System.nanoTime();
      try {
        listeningPoint = listen(local, transport);
        provider = stack.createSipProvider(listeningPoint);
        provider.addSipListener(this);
        Request request = request(local, transport);
        ClientTransaction ct = provider.getNewClientTransaction(request);
        if (spec.method() == SipMethod.INVITE) {
          invite = ct;
        }
        start = System.nanoTime(); // the deadline is for the answer; building the stack does not count
        ct.sendRequest();
      } catch (Exception e) {
        LOG.debug("sending the probe request failed", e);
        return transportError(start, describe(e));
      }
      long deadline = start + spec.timeout().toNanos();
      try {
        while (true) {
          Object ev = next(deadline);
          if (ev == null) {
            cancelIfRinging();
            return raw(Outcome.NO_ANSWER, 0, null, start);
          }
          if (ev instanceof IOExceptionEvent io) {
            return transportError(start, "I/O error towards " + io.getHost() + ":" + io.getPort() + "/"
                + io.getTransport());
          }
          if (ev instanceof TimeoutEvent) {
            cancelIfRinging();
            return raw(Outcome.NO_ANSWER, 0, null, start);
          }
          if (ev instanceof ResponseEvent re) {
            Response r = re.getResponse();
            if (!method(r).equals(spec.method().name())) {
              continue;
            }
            int code = r.getStatusCode();
            if (code < 200) {
              provisional.add(code);
              continue;
            }
            Raw answered = raw(Outcome.ANSWERED, code, r.getReasonPhrase(), start);
            endCall(re);
            return answered;
          }
        }
      } catch (InterruptedException e) {
        awaitFirstAnswer();
        cancelIfRinging();
        throw e;
      }
    }

    /** jain-sip rejects port 0: take a port the OS just handed out, retrying if another process grabbed it. */
    private ListeningPoint listen(InetAddress local, String transport) throws Exception {
      Exception last = null;
      for (int attempt = 0; attempt < 5; attempt++) {
        int port;
        if (spec.transport() == SipTransport.TCP) {
          try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, local)) {
            port = s.getLocalPort();
          }
        } else {
          try (DatagramSocket s = new DatagramSocket(0, local)) {
            port = s.getLocalPort();
          }
        }
        try {
          return stack.createListeningPoint(local.getHostAddress(), port, transport);
        } catch (javax.sip.TransportNotSupportedException | javax.sip.InvalidArgumentException e) {
          last = e;
        }
      }
      throw last;
    }

    private Object next(long deadlineNanos) throws InterruptedException {
      while (true) {
        if (spec.cancelled().getAsBoolean()) {
          throw new InterruptedException("SIP probe cancelled");
        }
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          return null;
        }
        Object ev = events.poll(Math.min(left, POLL_SLICE.toNanos()), TimeUnit.NANOSECONDS);
        if (ev != null) {
          return ev;
        }
      }
    }

    private Request request(InetAddress local, String transport) throws Exception {
      String host = spec.address().getHostAddress();
      SipURI uri = addresses.createSipURI(spec.user(), spec.address() instanceof java.net.Inet6Address
          ? "[" + host + "]" : host);
      uri.setPort(spec.port());
      if (spec.transport() == SipTransport.TCP) {
        uri.setTransportParam("tcp");
      }
      String localHost = local.getHostAddress();
      int localPort = listeningPoint.getPort();
      Address fromAddr = addresses.createAddress(addresses.createSipURI("xphone-diag", localHost));
      fromAddr.setDisplayName("xphone-diag");
      FromHeader from = headers.createFromHeader(fromAddr, Long.toHexString(Double.doubleToLongBits(Math.random())));
      ToHeader to = headers.createToHeader(addresses.createAddress(addresses.createSipURI(spec.user(),
          uri.getHost())), null);
      CallIdHeader callId = provider.getNewCallId();
      CSeqHeader cseq = headers.createCSeqHeader(1L, spec.method().name());
      ViaHeader via = headers.createViaHeader(localHost, localPort, transport, null);
      MaxForwardsHeader maxForwards = headers.createMaxForwardsHeader(70);
      Request req = messages.createRequest(uri, spec.method().name(), callId, cseq, from, to, List.of(via), maxForwards);
      SipURI contactUri = addresses.createSipURI("xphone-diag", localHost);
      contactUri.setPort(localPort);
      if (spec.transport() == SipTransport.TCP) {
        contactUri.setTransportParam("tcp");
      }
      ContactHeader contact = headers.createContactHeader(addresses.createAddress(contactUri));
      req.addHeader(contact);
      req.addHeader(headers.createUserAgentHeader(List.of("xphone-diag")));
      if (spec.method() == SipMethod.OPTIONS) {
        req.addHeader(headers.createAcceptHeader("application", "sdp"));
      }
      if (spec.body() != null) {
        ContentTypeHeader ct = headers.createContentTypeHeader("application", "sdp");
        req.setContent(spec.body(), ct);
      }
      return req;
    }

    /** After a final answer to INVITE: ACK and BYE a 2xx (the stack ACKs the others itself). */
    private void endCall(ResponseEvent re) throws InterruptedException {
      if (spec.method() != SipMethod.INVITE) {
        return;
      }
      int code = re.getResponse().getStatusCode();
      if (code >= 300) {
        cleanup.add("ack");
        return;
      }
      Dialog dialog = re.getDialog() != null ? re.getDialog() : invite.getDialog();
      try {
        long seq = ((CSeqHeader) re.getResponse().getHeader(CSeqHeader.NAME)).getSeqNumber();
        dialog.sendAck(dialog.createAck(seq));
        cleanup.add("ack");
        Request bye = dialog.createRequest(Request.BYE);
        ClientTransaction bt = provider.getNewClientTransaction(bye);
        dialog.sendRequest(bt);
        cleanup.add("bye");
        awaitFinal(Request.BYE);
      } catch (SipException | javax.sip.InvalidArgumentException e) {
        LOG.debug("ending the probe call failed: {}", e.toString());
      }
    }

    /**
     * When cancelled before any answer to an INVITE arrived: waits up to the clean-up grace for the
     * first one, because CANCEL may only follow a provisional answer (RFC 3261 §9.1) and the peer may
     * already be ringing. A final answer that arrives instead is ended at once.
     */
    private void awaitFirstAnswer() throws InterruptedException {
      if (invite == null || !provisional.isEmpty()) {
        return;
      }
      long deadline = System.nanoTime() + spec.cleanupGrace().toNanos();
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        Object ev = events.poll(left, TimeUnit.NANOSECONDS);
        if (ev == null || ev instanceof TimeoutEvent || ev instanceof IOExceptionEvent) {
          return;
        }
        if (ev instanceof ResponseEvent re && method(re.getResponse()).equals(Request.INVITE)) {
          if (re.getResponse().getStatusCode() < 200) {
            provisional.add(re.getResponse().getStatusCode());
          } else {
            endCall(re);
          }
          return;
        }
      }
    }

    /** Cancels an INVITE that got a provisional answer but no final one (RFC 3261 §9.1). */
    private void cancelIfRinging() throws InterruptedException {
      if (invite == null || provisional.isEmpty()) {
        return;
      }
      try {
        Request cancel = invite.createCancel();
        provider.getNewClientTransaction(cancel).sendRequest();
        cleanup.add("cancel");
      } catch (SipException e) {
        LOG.debug("CANCEL failed: {}", e.toString());
        return;
      }
      ResponseEvent fin = awaitFinal(Request.INVITE);
      if (fin != null) {
        endCall(fin);
      }
    }

    /** Waits up to the clean-up grace for a final response to {@code method}. */
    private ResponseEvent awaitFinal(String method) throws InterruptedException {
      long deadline = System.nanoTime() + spec.cleanupGrace().toNanos();
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return null;
        }
        Object ev = events.poll(left, TimeUnit.NANOSECONDS);
        if (ev instanceof ResponseEvent re && re.getResponse().getStatusCode() >= 200
            && method(re.getResponse()).equals(method)) {
          return re;
        }
        if (ev instanceof TimeoutEvent || ev instanceof IOExceptionEvent) {
          return null;
        }
      }
    }

    private static String method(Response r) {
      CSeqHeader cseq = (CSeqHeader) r.getHeader(CSeqHeader.NAME);
      return cseq == null ? "" : cseq.getMethod();
    }

    private Raw raw(Outcome outcome, int code, String reason, long start) {
      return new Raw(outcome, code, reason, provisional, Duration.ofNanos(System.nanoTime() - start), cleanup, null);
    }

    private Raw transportError(long start, String error) {
      return new Raw(Outcome.TRANSPORT_ERROR, 0, null, provisional, Duration.ofNanos(System.nanoTime() - start),
          cleanup, error);
    }

    private String describe(Exception e) {
      Throwable t = e;
      while (t.getCause() != null && t.getCause() != t) {
        t = t.getCause();
      }
      String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().replaceAll("\\s+", " ");
      String lower = msg.toLowerCase(Locale.ROOT);
      if (spec.transport() == SipTransport.TCP && (lower.contains("refused") || lower.contains("could not connect"))) {
        return "TCP connection to " + spec.address().getHostAddress() + ":" + spec.port() + " failed (" + msg + ")";
      }
      return msg;
    }

    void close(List<Thread> scanners) {
      long t0 = System.nanoTime();
      if (provider != null) {
        provider.removeSipListener(this);
      }
      // stop() releases providers and listening points itself; deleting them first would stop the stack twice
      boolean interrupted = Thread.interrupted();
      synchronized (STACK_LOCK) {
        List<Thread> before = scannerThreads();
        Thread.currentThread().interrupt(); // ends stopStack()'s one-second sleep at once; see the class comment
        try {
          stack.stop();
        } finally {
          Thread.interrupted(); // clear the flag if stop() did not consume it
        }
        scanners.addAll(newThreads(before));
      }
      LOG.debug("SIP stack {} stopped in {} ms", stack.getStackName(), (System.nanoTime() - t0) / 1_000_000);
      for (Thread t : scanners) {
        t.interrupt();
      }
      try {
        for (Thread t : scanners) {
          t.join(2000);
        }
      } catch (InterruptedException e) {
        interrupted = true;
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }

    @Override
    public void processRequest(RequestEvent requestEvent) {
      // a probe serves nothing; a BYE from the far end ends a dialog the probe ends anyway
    }

    @Override
    public void processResponse(ResponseEvent responseEvent) {
      events.add(responseEvent);
    }

    @Override
    public void processTimeout(TimeoutEvent timeoutEvent) {
      events.add(timeoutEvent);
    }

    @Override
    public void processIOException(IOExceptionEvent exceptionEvent) {
      events.add(exceptionEvent);
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent transactionTerminatedEvent) {}

    @Override
    public void processDialogTerminated(DialogTerminatedEvent dialogTerminatedEvent) {}
  }

  private static List<Thread> scannerThreads() {
    List<Thread> out = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (SCANNER.equals(t.getName())) {
        out.add(t);
      }
    }
    return out;
  }

  private static List<Thread> newThreads(List<Thread> before) {
    List<Thread> now = scannerThreads();
    now.removeAll(before);
    return now;
  }
}
