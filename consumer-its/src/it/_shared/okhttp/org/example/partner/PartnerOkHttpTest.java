package org.example.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttp;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.DiagRunner;
import org.xphonediag.core.Status;
import org.xphonediag.testkit.Lab;
import org.xphonediag.testkit.ReportAssert;
import org.xphonediag.testkit.Scenario;
import org.xphonediag.testkit.XPhoneLab;
import org.xphonediag.webapi.WebApiSession;

/** The partner's own OkHttp and xphone-diag's checks, side by side in one JVM. */
class PartnerOkHttpTest {

  @Test
  @XPhoneLab(Scenario.HEALTHY)
  void partnersOkHttpWhenUsedBesideTheChecksThenBothWork(Lab lab) throws Exception {
    assertEquals(System.getProperty("expected.okhttp.version"), OkHttp.VERSION);

    KeyStore roots = KeyStore.getInstance(KeyStore.getDefaultType());
    roots.load(null, null);
    roots.setCertificateEntry("lab", CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(lab.rootCertificatePem().getBytes(StandardCharsets.US_ASCII))));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(roots);
    X509TrustManager trust = (X509TrustManager) tmf.getTrustManagers()[0];
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, new javax.net.ssl.TrustManager[] {trust}, null);
    OkHttpClient client = new OkHttpClient.Builder()
        .sslSocketFactory(tls.getSocketFactory(), trust)
        .dns(host -> List.of(InetAddress.getLoopbackAddress()))
        .callTimeout(Duration.ofSeconds(5))
        .build();
    try (Response r = client.newCall(new Request.Builder().url(lab.webApiUrl() + "/api/info/version").build()).execute()) {
      assertEquals(200, r.code());
      assertTrue(r.body().string().contains("version"));
    } finally {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }

    try (WebApiSession session = WebApiSession.open(lab.options().build());
        DiagRunner runner = DiagRunner.builder().defaultBudget(Duration.ofSeconds(20)).build()) {
      ReportAssert.assertThat(runner.run("partner", session.connectionTest())).hasNoFindingWorseThan(Status.PASS);
    }
  }
}
