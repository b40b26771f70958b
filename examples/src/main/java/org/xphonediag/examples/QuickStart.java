package org.xphonediag.examples;
