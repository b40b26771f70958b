package org.xphonediag.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/** The JUnit extension behind {@link XPhoneLab}: one lab per test, closed after it. */
public final class XPhoneLabExtension implements ParameterResolver, AfterEachCallback {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(XPhoneLabExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Lab.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getStore(NS).getOrComputeIfAbsent("lab", k -> start(scenario(context)), Lab.class);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Lab lab = context.getStore(NS).remove("lab", Lab.class);
    if (lab != null) {
      lab.close();
    }
  }

  private static Scenario scenario(ExtensionContext context) {
    Optional<XPhoneLab> onMethod = context.getTestMethod().flatMap(m -> find(m));
    return onMethod.or(() -> context.getTestClass().flatMap(XPhoneLabExtension::find))
        .map(XPhoneLab::value).orElse(Scenario.HEALTHY);
  }

  private static Optional<XPhoneLab> find(AnnotatedElement e) {
    return Optional.ofNullable(e.getAnnotation(XPhoneLab.class));
  }

  private static Lab start(Scenario scenario) {
    try {
      return Lab.start(scenario);
    } catch (IOException e) {
      throw new ParameterResolutionException("cannot start the lab (" + scenario + "): " + e.getMessage(),
          new UncheckedIOException(e));
    }
  }
}
