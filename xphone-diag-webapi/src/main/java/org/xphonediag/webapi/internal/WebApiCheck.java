package org.xphonediag.webapi.internal;

import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import org.xphonediag.core.Check;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Status;

/**
 * Template for the WebAPI checks: the id, title and prerequisites, the shared session state,
 * and a result that always says when TLS verification was switched off.
 */
abstract class WebApiCheck implements Check {
  private final CheckId id;
  private final String title;
  private final Set<CheckId> prerequisites;
  protected final SessionState state;

  WebApiCheck(CheckId id, String title, Set<CheckId> prerequisites, SessionState state) {
    this.id = id;
    this.title = title;
    this.prerequisites = Set.copyOf(prerequisites);
    this.state = state;
  }

  @Override
  public final CheckId id() {
    return id;
  }

  @Override
  public final String title() {
    return title;
  }

  @Override
  public final Set<CheckId> prerequisites() {
    return prerequisites;
  }

  @Override
  public final CheckResult run(CheckContext ctx) throws InterruptedException {
    CheckResult.Builder b = CheckResult.builder(id).title(title);
    if (state.options().insecure()) {
      b.detail("tlsVerification", "disabled");
    }
    Optional<HttpUrl> base = state.baseUrl();
    if (base.isEmpty() && id != CheckCatalog.WEBAPI_CONFIGURED_URL) {
      return b.status(Status.SKIPPED).summary("no usable WebAPI URL configured (see webapi.configured-url)").build();
    }
    return run(ctx, base.orElse(null), b);
  }

  /** The check's body; {@code base} is null only for the configured-URL check. */
  protected abstract CheckResult run(CheckContext ctx, HttpUrl base, CheckResult.Builder b) throws InterruptedException;

  @Override
  public String toString() {
    return "Check[" + id + "]";
  }
}
