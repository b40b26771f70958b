/**
 * Offline validation of the two IIS configuration files of a Softphone Mobile deployment
 * ({@code XPhoneMobile\web.config}, {@code WebClientApi\appsettings.json}) against the deployment
 * scenario (IIS on the XPhone Server or in the DMZ), docs/field-guide.md#web-config, #appsettings-json.
 *
 * <pre>{@code
 * ConfigValidator validator = ConfigValidator.of(ConfigScenario.of(IisPlacement.DMZ).withServer("xphone.corp.example"));
 * ConfigValidation v = validator.validate(Optional.of(ConfigSource.read(webConfig)),
 *     Optional.of(ConfigSource.read(appSettings)));
 * v.problems().forEach(f -> System.out.println(f + " -> " + f.remedy()));
 * }</pre>
 */
package org.xphonediag.core.config;
