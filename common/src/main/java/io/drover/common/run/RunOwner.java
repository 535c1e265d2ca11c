package io.drover.common.run;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Who owns a work dir: the host, process id and process start time of the client that made it,
 * written as one line into the dir's {@code _owner} file. A later run on the same output uses it
 * to tell the work dirs of clients that died (SIGKILL, power loss) from those of runs still alive.
 *
 * <p>On the same host the answer is exact: the process is gone, or its id now belongs to a process
 * that started at another time. For a client on another host only the lease can tell: the owner
 * file's modification time, which a live client refreshes every {@link #HEARTBEAT_MS}; one older
 * than {@link #LEASE_MS} is taken as dead.
 */
public record RunOwner(String host, long pid, long startMillis) {
  /** How often a live client refreshes its lease. */
  public static final long HEARTBEAT_MS = 60_000;
  /** A lease older than this belongs to a dead client (ten missed heartbeats). */
  public static final long LEASE_MS = 10 * HEARTBEAT_MS;

  /** This JVM. */
  public static RunOwner self() {
    ProcessHandle me = ProcessHandle.current();
    return new RunOwner(localHost(), me.pid(), startMillis(me).orElse(0L));
  }

  public String format() {
    return host + " " + pid + " " + startMillis;
  }

  /** Parses {@link #format()}'s line; empty when it is not one. */
  public static Optional<RunOwner> parse(String line) {
    String[] f = line.trim().split(" ");
    if (f.length != 3) {
      return Optional.empty();
    }
    try {
      return Optional.of(new RunOwner(f[0], Long.parseLong(f[1]), Long.parseLong(f[2])));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether this owner is certainly gone.
   *
   * @param leaseAgeMs how long ago the owner file was last refreshed
   */
  public boolean isDead(String localHost, long leaseAgeMs) {
    if (!host.equals(localHost)) {
      return leaseAgeMs > LEASE_MS;
    }
    Optional<ProcessHandle> p = ProcessHandle.of(pid);
    if (p.isEmpty() || !p.get().isAlive()) {
      return true;
    }
    Optional<Long> started = startMillis(p.get());
    return started.isPresent() && startMillis != 0 && started.get() != startMillis;
  }

  static String localHost() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "localhost";
    }
  }

  private static Optional<Long> startMillis(ProcessHandle p) {
    return p.info().startInstant().map(java.time.Instant::toEpochMilli);
  }
}
