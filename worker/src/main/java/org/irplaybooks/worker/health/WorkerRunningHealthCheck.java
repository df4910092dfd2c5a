package org.irplaybooks.worker.health;

import com.codahale.metrics.health.HealthCheck;
import io.temporal.worker.WorkerFactory;

/** Healthy while the worker factory polls; unhealthy once it was shut down or never started. */
public class WorkerRunningHealthCheck extends HealthCheck {
  private final WorkerFactory factory;

  public WorkerRunningHealthCheck(WorkerFactory factory) {
    this.factory = factory;
  }

  @Override
  protected Result check() {
    if (factory.isStarted() && !factory.isShutdown()) return Result.healthy("polling");
    return Result.unhealthy(factory.isShutdown() ? "worker shut down" : "worker not started");
  }
}
