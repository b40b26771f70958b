package org.xphonediag.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.DiagRunner;
import org.xphonediag.core.Details;
import org.xphonediag.core.Report;
import org.xphonediag.core.net.AddressFormatException;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.webapi.CertificateInfo;
import org.xphonediag.webapi.TlsCheck;
import org.xphonediag.webapi.TlsInspection;
import org.xphonediag.webapi.TlsInspector;
import org.xphonediag.webapi.TrustMaterial;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code xphone-diag tls HOST[:PORT]}: the chain a TLS endpoint serves and what a phone would
 * object to (docs/field-guide.md#tls). {@code data.chain} lists subject, issuer, notBefore, notAfter and key per
 * certificate, leaf first.
 */
@Command(name = "tls", mixinStandardHelpOptions = true,
    description = "Show the TLS chain served by HOST[:PORT] (default 443) and why a phone would reject it.")
final class TlsCommand extends ReportCommand {
  @Parameters(index = "0", paramLabel = "HOST[:PORT]", description = "the endpoint, e.g. xphone.example.com:443")
  String target;

  @Option(names = "--trust", paramLabel = "FILE", description = "PEM or DER root certificate(s) to trust instead of "
      + "the platform trust store")
  Path trust;

  @Option(names = "--timeout", paramLabel = "SECONDS", description = "deadline for connect plus handshake (default 10)")
  long timeoutSeconds = 10;

  @Override
  protected Report produce(Terminal terminal) throws Exception {
    HostAndPort hp;
    try {
      hp = HostAndPort.parse(target, 443);
    } catch (AddressFormatException e) {
      throw new UsageException("tls: " + e.getMessage(), e);
    }
    if (timeoutSeconds < 1 || timeoutSeconds > 300) {
      throw new UsageException("tls: --timeout must be 1..300 seconds but was " + timeoutSeconds);
    }
    TrustMaterial trustMaterial = TrustFile.load(trust);
    TlsInspector inspector = TlsInspector.builder().trust(trustMaterial)
        .timeout(Duration.ofSeconds(timeoutSeconds)).build();
    TlsCheck check = TlsCheck.of(hp.host(), hp.port(), inspector);
    Report report;
    try (DiagRunner runner = DiagRunner.builder().defaultBudget(Duration.ofSeconds(timeoutSeconds + 5))
        .listener(terminal.progress()).build()) {
      report = runChecks(runner, "tls", List.of(check));
    }
    List<CertificateInfo> chain = report.outcome(CheckCatalog.TLS_CHAIN, TlsInspection.class)
        .map(TlsInspection::chain).orElse(List.of());
    List<Details> data = chain.stream().map(c -> Details.builder().put("subject", c.subject())
        .put("issuer", c.issuer()).put("notBefore", c.notBefore()).put("notAfter", c.notAfter()).put("key", c.key())
        .build()).toList();
    return report.toBuilder().data("target", hp.toString()).data("trust", trustMaterial.description())
        .data("chain", data).build();
  }
}
