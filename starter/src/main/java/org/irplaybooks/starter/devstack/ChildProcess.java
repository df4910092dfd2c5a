package org.irplaybooks.starter.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A process of the local stack (Temporal dev server, moto_server, a worker…) whose output is
 * appended to a log file. {@link #close()} stops it and its descendants, gracefully first
 * (SIGTERM), forcibly after a grace period; {@link #kill9()} kills them outright, for durability
 * tests. A JVM shutdown hook closes whatever is still running, so an {@code irctl dev} interrupted
 * with Ctrl-C leaves no orphans behind.
 */
public final class ChildProcess implements AutoCloseable {
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);

  private static final Set<ChildProcess> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Thread hook = new Thread(ChildProcess::closeAllOnShutdown, "devstack-child-reaper");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  private final String name;
  private final Process process;
  private final Path log;
  private final Duration grace;

  private ChildProcess(String name, Process process, Path log, Duration grace) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.grace = grace;
  }

  /** Starts {@code command} with stdout and stderr appended to {@code log}. */
  public static ChildProcess start(String name, List<String> command, Path log) {
    return start(name, command, log, Map.of(), null, DEFAULT_GRACE);
  }

  /**
   * Starts {@code command} in {@code workDir} (the JVM's when null) with extra environment
   * variables, stdout and stderr appended to {@code log}.
   */
  public static ChildProcess start(
      String name, List<String> command, Path log, Map<String, String> env, Path workDir, Duration grace) {
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      Files.writeString(log, "=== " + Instant.now() + " starting " + name + ": " + String.join(" ", command) + "\n",
          StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write log file " + log, e);
    }
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
    builder.environment().putAll(env);
    if (workDir != null) builder.directory(workDir.toFile());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + name + " (" + command.get(0) + "): " + e.getMessage(), e);
    }
    ChildProcess child = new ChildProcess(name, process, log, grace);
    LIVE.add(child);
    return child;
  }

  private static java.io.File nullDevice() {
    return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The exit code, or throws when still running. */
  public int exitValue() {
    return process.exitValue();
  }

  public Path log() {
    return log;
  }

  public Process process() {
    return process;
  }

  /** The last {@code lines} lines of the log, for error messages. */
  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return all.subList(Math.max(0, all.size() - lines), all.size()).stream().collect(Collectors.joining("\n"));
    } catch (IOException | UncheckedIOException e) {
      return "(log " + log + " unreadable: " + e.getMessage() + ")";
    }
  }

  /** Stops the process and its descendants: SIGTERM, then SIGKILL after the grace period. */
  @Override
  public void close() {
    try {
      List<ProcessHandle> tree = tree();
      tree.forEach(ProcessHandle::destroy);
      if (!awaitExit(tree, grace)) {
        tree.forEach(ProcessHandle::destroyForcibly);
        awaitExit(tree, Duration.ofSeconds(5));
      }
    } finally {
      LIVE.remove(this);
    }
  }

  /** Kills the process and its descendants with SIGKILL, as a crash would, and waits for them to be gone. */
  public void kill9() {
    try {
      List<ProcessHandle> tree = tree();
      tree.forEach(ProcessHandle::destroyForcibly);
      awaitExit(tree, Duration.ofSeconds(10));
    } finally {
      LIVE.remove(this);
    }
  }

  /**
   * The process and its descendants, snapshotted before anything is signalled: once the parent is
   * gone its children are re-parented and no longer show up as its descendants.
   */
  private List<ProcessHandle> tree() {
    List<ProcessHandle> tree = new ArrayList<>();
    tree.add(process.toHandle());
    process.descendants().forEach(tree::add);
    return tree;
  }

  private static boolean awaitExit(List<ProcessHandle> handles, Duration timeout) {
    CompletableFuture<?>[] exits = handles.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(exits).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return handles.stream().noneMatch(ProcessHandle::isAlive);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return handles.stream().noneMatch(ProcessHandle::isAlive);
    } catch (java.util.concurrent.ExecutionException e) {
      return handles.stream().noneMatch(ProcessHandle::isAlive);
    }
  }

  private static void closeAllOnShutdown() {
    List<ChildProcess> running = new ArrayList<>(LIVE);
    // Signal everyone first, so the grace periods overlap instead of adding up.
    List<ProcessHandle> all = new ArrayList<>();
    for (ChildProcess child : running) all.addAll(child.tree());
    all.forEach(ProcessHandle::destroy);
    if (!awaitExit(all, DEFAULT_GRACE)) {
      all.forEach(ProcessHandle::destroyForcibly);
      awaitExit(all, Duration.ofSeconds(2));
    }
    LIVE.clear();
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ", log " + log + ")";
  }
}
