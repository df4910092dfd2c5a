package org.irplaybooks.starter.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The local stack's state directory ({@code irctl dev --state-dir}, default {@code .state/} in the
 * working directory, git-ignored): process logs under {@code logs/}, the Temporal dev server's
 * SQLite file under {@code temporal/}. Keeping the directory keeps the incidents.
 */
public final class StateDir {
  public static final String DEFAULT_NAME = ".state";

  private final Path root;

  private StateDir(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The state directory at {@code root}, created with its subfolders when missing. */
  public static StateDir at(Path root) {
    StateDir dir = new StateDir(root);
    dir.create();
    return dir;
  }

  /** {@code .state/} in the current working directory. */
  public static StateDir defaultDir() {
    return at(Path.of(DEFAULT_NAME));
  }

  private void create() {
    try {
      Files.createDirectories(logs());
      Files.createDirectories(temporal());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create state directory " + root, e);
    }
  }

  public Path root() {
    return root;
  }

  public Path logs() {
    return root.resolve("logs");
  }

  /** The log file of one local process, e.g. {@code log("temporal")} → {@code logs/temporal.log}. */
  public Path log(String name) {
    return logs().resolve(name + ".log");
  }

  public Path temporal() {
    return root.resolve("temporal");
  }

  /** The Temporal dev server's SQLite file: workflows in it survive a restart of the server. */
  public Path temporalDb() {
    return temporal().resolve("temporal.db");
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
