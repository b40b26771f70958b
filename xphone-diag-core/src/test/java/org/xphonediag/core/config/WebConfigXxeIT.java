package org.xphonediag.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Proves that web.config's XML parser never fetches an external DTD or entity: a loopback listener
 * stands where the payloads point and counts every connection (closing it at once, so a parser
 * that did fetch fails fast instead of hanging). The count is raised before the close, so it is
 * visible once the synchronous parse has returned.
 */
class WebConfigXxeIT {

  @Test
  void readWebConfigWhenXxePointsAtLoopbackServerThenNoConnectionIsMade() throws Exception {
    AtomicInteger connections = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      pool.submit(() -> {
        while (!server.isClosed()) {
          try (Socket s = server.accept()) {
            connections.incrementAndGet();
          } catch (IOException e) {
            return;
          }
        }
      });
      String url = "http://127.0.0.1:" + server.getLocalPort();
      String entity = "<?xml version=\"1.0\"?>\n<!DOCTYPE configuration [<!ENTITY xxe SYSTEM \"" + url + "/e\">]>\n"
          + "<configuration><appSettings><add key=\"WcfIPEndPoint\" value=\"&xxe;\"/></appSettings></configuration>";
      String dtd = "<?xml version=\"1.0\"?>\n<!DOCTYPE configuration SYSTEM \"" + url + "/x.dtd\">\n<configuration/>";
      String parameter = "<?xml version=\"1.0\"?>\n<!DOCTYPE c [<!ENTITY % p SYSTEM \"" + url + "/p\"> %p;]>\n<c/>";
      for (String xml : List.of(entity, dtd, parameter)) {
        Future<ConfigValidation> parse = pool.submit(() -> Fixtures.validateWeb(Fixtures.DMZ, xml));
        ConfigValidation v = parse.get(30, TimeUnit.SECONDS);
        assertEquals(List.of("config.syntax"), Fixtures.codes(v));
        assertEquals(0, connections.get(), "the parser connected to " + url);
      }
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
