package org.xphonediag.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts a {@link Lab} with the given scenario for each test and injects it as a {@link Lab}
 * parameter; the lab is closed after the test, also when it fails. On a class it applies to every
 * test method; a method's own annotation wins.
 *
 * <pre>{@code
 * @XPhoneLab(Scenario.WEBSOCKET_BLOCKED)
 * class MyPipelineTest {
 *   @Test
 *   void hubNamesTheBlockedWebSockets(Lab lab) throws Exception {
 *     try (WebApiSession s = WebApiSession.open(lab.options().build());
 *          DiagRunner runner = DiagRunner.builder().build()) {
 *       ReportAssert.assertThat(runner.run("ci", s.connectionTest())).hasFinding("signalr.websocket-blocked");
 *     }
 *   }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(XPhoneLabExtension.class)
public @interface XPhoneLab {
  /** The lab's scenario. */
  Scenario value() default Scenario.HEALTHY;
}
