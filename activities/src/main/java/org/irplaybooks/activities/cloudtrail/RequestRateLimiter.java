package org.irplaybooks.activities.cloudtrail;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Spaces requests per key (e.g. account and region) at least {@code interval} apart, across every
 * thread that shares the instance. One instance per worker, handed to the activities that need it.
 * Callers block until their slot, which is fine inside an activity.
 *
 * <p>A slot is reserved when a permit is taken, and when the permit is closed (the response has
 * arrived) the next slot moves to at least {@code interval} after that moment. So a request that
 * reached the server late (a cold connection, a slow signer) cannot arrive closer than
 * {@code interval} before the next one: the limit holds at the server, not only at the client.
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

  /** Waits until {@code key} may send its next request; close the permit once the response is in. */
  public Permit acquire(String key) throws InterruptedException {
    long slot;
    synchronized (nextSlot) {
      long now = System.nanoTime();
      Long next = nextSlot.get(key);
      slot = next == null || next - now < 0 ? now : next;
      nextSlot.put(key, slot + intervalNanos);
    }
    long wait = slot - System.nanoTime();
    if (wait > 0) Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
    return new Permit(key);
  }

  /** A request in flight; closing it marks the response's arrival. */
  public final class Permit implements AutoCloseable {
    private final String key;

    private Permit(String key) {
      this.key = key;
    }

    @Override
    public void close() {
      synchronized (nextSlot) {
        long earliest = System.nanoTime() + intervalNanos;
        Long next = nextSlot.get(key);
        if (next == null || next - earliest < 0) nextSlot.put(key, earliest);
      }
    }
  }
}
