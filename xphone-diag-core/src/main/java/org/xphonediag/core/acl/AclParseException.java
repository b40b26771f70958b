package org.xphonediag.core.acl;

import java.util.Objects;
import org.xphonediag.core.Finding;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.SourceLocation;

/**
 * An {@code acl.conf.xml} that FreeSWITCH could not read as XML at all, with a DOCTYPE, or too large:
 * the message says what and the location says where (line:column). Problems inside a well-formed
 * file are not exceptions but findings of {@link AclConfig#problems()}.
 */
public final class AclParseException extends Exception {
  private final SourceLocation location;

  public AclParseException(String message, SourceLocation location, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.location = Objects.requireNonNull(location, "location");
  }

  /** The {@code config.syntax} finding (FAIL) for this problem: a readable file with wrong content. */
  public Finding toFinding() {
    return FindingCatalog.CONFIG_SYNTAX.finding(getMessage()).location(location)
        .remedy(AclLoader.SYNTAX_REMEDY).build();
  }

  /** Where the problem is. */
  public SourceLocation location() {
    return location;
  }
}
