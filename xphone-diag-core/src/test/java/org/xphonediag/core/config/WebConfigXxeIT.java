package org.xphonediag.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Proves that web.config's XML parser never fetches an external DTD or entity: a loopback listener
 * stands where the payload points, and after the (synchronous) parse no connection is pending.
 */
class WebConfigXxeIT {

  @Test
  void readWebConfigWhenXxePointsAtLoopbackServerThenNoConnectionIsMade() throws Exception {
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      server.configureBlocking(false);
      String url = "http://127.0.0.1:" + server.socket().getLocalPort();
      String entity = "<?xml version=\"1.0\"?>\n<!DOCTYPE configuration [<!ENTITY xxe SYSTEM \"" + url + "/e\">]>\n"
          + "<configuration><appSettings><add key=\"WcfIPEndPoint\" value=\"&xxe;\"/></appSettings></configuration>";
      String dtd = "<?xml version=\"1.0\"?>\n<!DOCTYPE configuration SYSTEM \"" + url + "/x.dtd\">\n<configuration/>";
      String parameter = "<?xml version=\"1.0\"?>\n<!DOCTYPE c [<!ENTITY % p SYSTEM \"" + url + "/p\"> %p;]>\n<c/>";
      for (String xml : List.of(entity, dtd, parameter)) {
        ConfigValidation v = Fixtures.validateWeb(Fixtures.DMZ, xml);
        assertEquals(List.of("config.syntax"), Fixtures.codes(v));
        assertNull(server.accept(), "the parser connected to " + url);
      }
    }
  }
}
