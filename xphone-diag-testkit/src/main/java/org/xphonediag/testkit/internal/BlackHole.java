package org.xphonediag.testkit.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback TCP port that accepts connections and never sends a byte: the silent peer for
 * timeout tests (a firewall that accepts and drops, a hung IIS). {@link #close()} closes every
 * accepted socket and ends the accept thread.
 */
public final class BlackHole implements AutoCloseable {
  private final ServerSocket server;
  private final Thread acceptor;
  private final List<Socket> accepted = new ArrayList<>();

  /** Listens on a free loopback port. */
  public BlackHole() throws IOException {
    server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    acceptor = new Thread(this::acceptLoop, "xphone-diag-lab-blackhole-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        synchronized (accepted) {
          accepted.add(s);
        }
      } catch (IOException e) {
        return;
      }
    }
  }

  /** The port. */
  public int port() {
    return server.getLocalPort();
  }

  @Override
  public void close() throws InterruptedException {
    try {
      server.close();
    } catch (IOException ignored) {
      // closing
    }
    synchronized (accepted) {
      for (Socket s : accepted) {
        try {
          s.close();
        } catch (IOException ignored) {
          // closing
        }
      }
      accepted.clear();
    }
    acceptor.join(2000);
  }
}
