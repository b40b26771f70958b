/** Implementation of the doctor; not API. */
package org.xphonediag.doctor.internal;
