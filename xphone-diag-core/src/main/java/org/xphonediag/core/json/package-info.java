/**
 * JSON read with the location of every value ({@link org.xphonediag.core.json.JsonTree}): the one
 * reader of the project's hand-written JSON inputs (appsettings.json, deployment profiles), whose
 * problems must name line and column.
 */
package org.xphonediag.core.json;
