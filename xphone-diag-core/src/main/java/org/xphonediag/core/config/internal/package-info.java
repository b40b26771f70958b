/** Implementation of {@link org.xphonediag.core.config}: hardened readers and the rules; not API. */
package org.xphonediag.core.config.internal;
