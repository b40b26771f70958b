/** The lab's servers: certificates, the fake WebClientApi, the SignalR hub, the black hole. Not API. */
package org.xphonediag.testkit.internal;
