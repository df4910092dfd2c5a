package org.irplaybooks.activities.cloudtrail;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Spaces requests per key (e.g. account and region) at least {@code interval} apart, across every
 * thread that shares the instance. One instance per worker, handed to the activities that need it.
 * Callers block until their slot, which is fine inside an activity.
 */
public final class RequestRateLimiter {
  private final long intervalNanos;
  private final Map<String, Long> nextSlot = new HashMap<>();

  public RequestRateLimiter(Duration interval) {
    if (interval.isNegative()) throw new IllegalArgumentException("interval must not be negative");
    this.intervalNanos = interval.toNanos();
  }

  /** At most {@code perSecond} requests per second per key. */
  public static RequestRateLimiter perSecond(int perSecond) {
    if (perSecond <= 0) throw new IllegalArgumentException("perSecond must be positive");
    return new RequestRateLimiter(Duration.ofNanos(1_000_000_000L / perSecond));
  }

  /** Waits until {@code key} may send its next request; reserves that slot. */
  public void acquire(String key) throws InterruptedException {
    long slot;
    synchronized (nextSlot) {
      long now = System.nanoTime();
      Long next = nextSlot.get(key);
      slot = next == null || next - now < 0 ? now : next;
      nextSlot.put(key, slot + intervalNanos);
    }
    long wait = slot - System.nanoTime();
    if (wait > 0) Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
  }
}
