package org.irplaybooks.starter.devstack;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * A Temporal frontend on 127.0.0.1 for the local stack: the real dev server from the Temporal CLI
 * ({@link TemporalDevServer}) or, where the CLI cannot be had, the Java test server
 * ({@link JavaTestServerFallback}) with its limits stated.
 */
public interface LocalTemporal extends AutoCloseable {

  /** The gRPC target clients and workers connect to, e.g. {@code 127.0.0.1:7233}. */
  String target();

  int port();

  /** The Temporal Web UI, when this server has one. */
  Optional<String> webUiUrl();

  /** Starts the server (again) on the same ports and waits until its frontend answers. */
  void start();

  /** Stops the server gracefully. */
  void stop();

  boolean isRunning();

  /** True for the Java test server fallback. */
  boolean isFallback();

  /** What this server lacks compared with a production cluster; empty for the real dev server. */
  List<String> limitations();

  @Override
  void close();

  /**
   * The real dev server when the Temporal CLI can be had (env {@code TEMPORAL_CLI}, or built and
   * cached by {@code scripts/ensure-temporal-cli.sh}), otherwise the Java test server fallback,
   * announced on {@code out}. Started and ready either way.
   */
  static LocalTemporal startBest(StateDir state, TemporalDevServer.Config config, PrintStream out) {
    Optional<java.nio.file.Path> cli;
    String why;
    try {
      cli = Optional.of(config.cli() != null ? config.cli() : TemporalCli.locate(config.repoRoot()));
      why = null;
    } catch (RuntimeException e) {
      cli = Optional.empty();
      why = e.getMessage();
    }
    if (cli.isPresent()) {
      TemporalDevServer server = new TemporalDevServer(state, config.withCli(cli.get()));
      server.start();
      return server;
    }
    JavaTestServerFallback fallback = new JavaTestServerFallback(config.port());
    // The announcement comes first, so it is on screen even when binding the port fails.
    fallback.announce(out, why);
    fallback.start();
    return fallback;
  }
}
