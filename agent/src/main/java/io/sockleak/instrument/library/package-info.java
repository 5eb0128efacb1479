/**
 * Advice on pool and client libraries (HikariCP, commons-pool, OkHttp, Apache HttpClient, Netty, the
 * JDK's HTTP clients) that tells the tracker which sockets a pool holds. Calls only the boot bridge.
 */
package io.sockleak.instrument.library;
