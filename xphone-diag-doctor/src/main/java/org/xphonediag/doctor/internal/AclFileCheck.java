package org.xphonediag.doctor.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.xphonediag.core.Check;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Status;
import org.xphonediag.core.acl.AclConfig;
import org.xphonediag.core.acl.AclParseException;

/**
 * Reads {@code acl.conf.xml} (once per plan, through {@link AclSource}) when it runs, then delegates to a check of the acl package. A file
 * that cannot be read makes the result ERROR naming it; malformed XML is a located
 * {@code config.syntax} finding (docs/field-guide.md#xcc-acls).
 */
public final class AclFileCheck implements Check {
  private final CheckId id;
  private final String title;
  private final AclSource acl;
  private final Set<CheckId> prerequisites;
  private final Function<AclConfig, Check> delegate;

  public AclFileCheck(CheckId id, String title, AclSource acl, Set<CheckId> prerequisites,
      Function<AclConfig, Check> delegate) {
    this.id = Objects.requireNonNull(id, "id");
    this.title = Objects.requireNonNull(title, "title");
    this.acl = Objects.requireNonNull(acl, "acl");
    this.prerequisites = Set.copyOf(prerequisites);
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public CheckId id() {
    return id;
  }

  @Override
  public String title() {
    return title;
  }

  @Override
  public Set<CheckId> prerequisites() {
    return prerequisites;
  }

  @Override
  public CheckResult run(CheckContext context) throws InterruptedException {
    AclConfig config;
    try {
      config = acl.config();
    } catch (AclParseException e) {
      return CheckResult.builder(id).title(title).finding(e.toFinding()).detail("file", acl.file().toString()).build();
    } catch (IOException e) {
      return CheckResult.builder(id).title(title).status(Status.ERROR)
          .summary("cannot read " + acl.file() + ": " + e.getMessage()).cause(e).elapsed(Duration.ZERO).build();
    }
    CheckResult r = delegate.apply(config).run(context);
    return r.id().equals(id) ? r : r.toBuilder(id).title(title).build();
  }
}
