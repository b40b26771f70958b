package org.xphonediag.core;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.core.net.IpAddress;

/**
 * An immutable, insertion-ordered map of plain values: the details of a check result, the
 * evidence of a finding, or a command's structured {@code data}.
 *
 * <p>Values are normalised when they are put: strings, numbers and booleans stay as they are;
 * {@link Duration}s stay durations (writers print milliseconds); {@link Instant}s become ISO-8601
 * text; addresses become {@code ip} or {@code ip:port} text ({@code [ip]:port} for IPv6); enums
 * become lower case with hyphens ({@code SUCCESS_RESPONSE} -> {@code success-response});
 * collections become immutable lists and maps become nested {@code Details}. A {@link Secret}
 * is kept but every writer prints {@value Secret#MASK}. Anything else is a programming error.
 */
public final class Details {
  private static final Details EMPTY = new Details(Map.of());

  private final Map<String, Object> values;

  private Details(Map<String, Object> values) {
    this.values = values;
  }

  /** The empty details. */
  public static Details empty() {
    return EMPTY;
  }

  /** One entry. */
  public static Details of(String key, Object value) {
    return builder().put(key, value).build();
  }

  /** Two entries, in this order. */
  public static Details of(String k1, Object v1, String k2, Object v2) {
    return builder().put(k1, v1).put(k2, v2).build();
  }

  /** Three entries, in this order. */
  public static Details of(String k1, Object v1, String k2, Object v2, String k3, Object v3) {
    return builder().put(k1, v1).put(k2, v2).put(k3, v3).build();
  }

  /** Normalises a map (in its iteration order) into details. */
  public static Details copyOf(Map<String, ?> map) {
    Builder b = builder();
    map.forEach(b::put);
    return b.build();
  }

  /** A builder; keys keep their insertion order, a repeated key replaces the earlier value. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the entries as an unmodifiable map in insertion order. */
  public Map<String, Object> asMap() {
    return values;
  }

  /** Returns the value for {@code key}, if any. */
  public Optional<Object> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /** True when there are no entries. */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** The number of entries. */
  public int size() {
    return values.size();
  }

  /** Returns a builder holding these entries, to add more. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.values.putAll(values);
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Details d && d.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  /** A debugging form; secrets are masked. */
  @Override
  public String toString() {
    return values.toString();
  }

  /**
   * Normalises one value as described in the class comment.
   *
   * @throws IllegalArgumentException for a value that is not a plain value
   */
  public static Object normalize(Object value) {
    if (value == null) {
      throw new IllegalArgumentException("details values must not be null");
    }
    if (value instanceof String || value instanceof Boolean || value instanceof Duration
        || value instanceof Secret || value instanceof Details) {
      return value;
    }
    if (value instanceof Number n) {
      if (n instanceof Double d && (d.isNaN() || d.isInfinite())
          || n instanceof Float f && (f.isNaN() || f.isInfinite())) {
        throw new IllegalArgumentException("details numbers must be finite but was " + n);
      }
      return n;
    }
    if (value instanceof CharSequence cs) {
      return cs.toString();
    }
    if (value instanceof Character c) {
      return c.toString();
    }
    if (value instanceof Instant i) {
      return i.toString();
    }
    if (value instanceof Enum<?> e) {
      return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
    if (value instanceof InetSocketAddress a) {
      return HostAndPort.of(a).toString();
    }
    if (value instanceof InetAddress a) {
      return IpAddress.of(a).toString();
    }
    if (value instanceof IpAddress || value instanceof HostAndPort || value instanceof CheckId) {
      return value.toString();
    }
    if (value instanceof Optional<?> o) {
      throw new IllegalArgumentException("details values must not be Optional; omit the key instead");
    }
    if (value instanceof Map<?, ?> m) {
      Builder b = builder();
      m.forEach((k, v) -> b.put(String.valueOf(k), v));
      return b.build();
    }
    if (value instanceof Collection<?> c) {
      List<Object> list = new ArrayList<>(c.size());
      for (Object o : c) {
        list.add(normalize(o));
      }
      return Collections.unmodifiableList(list);
    }
    if (value instanceof Object[] arr) {
      return normalize(List.of(arr));
    }
    if (value instanceof int[] ints) {
      List<Object> list = new ArrayList<>(ints.length);
      for (int i : ints) {
        list.add(i);
      }
      return Collections.unmodifiableList(list);
    }
    throw new IllegalArgumentException(
        "details values must be plain values (text, number, boolean, duration, address, list, map)"
            + " but was a " + value.getClass().getName());
  }

  /** Builds {@link Details}; not thread-safe. */
  public static final class Builder {
    private final Map<String, Object> values = new LinkedHashMap<>();

    private Builder() {}

    /** Puts a value, normalised as described on {@link Details}. */
    public Builder put(String key, Object value) {
      Objects.requireNonNull(key, "key");
      if (key.isEmpty()) {
        throw new IllegalArgumentException("details keys must not be empty");
      }
      values.put(key, normalize(value));
      return this;
    }

    /** Puts the value when it is present; does nothing for an empty optional or null. */
    public Builder putIfPresent(String key, Object value) {
      if (value instanceof Optional<?> o) {
        o.ifPresent(v -> put(key, v));
      } else if (value != null) {
        put(key, value);
      }
      return this;
    }

    /** Puts every entry of {@code other}. */
    public Builder putAll(Details other) {
      values.putAll(other.values);
      return this;
    }

    /** Builds the immutable details. */
    public Details build() {
      return values.isEmpty() ? EMPTY : new Details(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    }
  }
}
