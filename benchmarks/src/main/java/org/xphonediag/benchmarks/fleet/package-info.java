/**
 * The fleet benchmark: many doctor runs at once in one JVM against loopback sites, checked against
 * each site kind's run alone ({@link org.xphonediag.benchmarks.fleet.DoctorFleet}).
 */
package org.xphonediag.benchmarks.fleet;
