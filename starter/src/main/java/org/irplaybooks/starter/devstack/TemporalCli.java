package org.irplaybooks.starter.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Finds the Temporal CLI binary: env {@code TEMPORAL_CLI} when set, otherwise the path printed by
 * {@code scripts/ensure-temporal-cli.sh}, which builds and caches it outside the repository on the
 * first run of a machine (a few minutes, needs Go).
 */
public final class TemporalCli {
  public static final String ENV = "TEMPORAL_CLI";
  /** Set by the {@code irctl} script to the repository it lives in, so it works from any directory. */
  public static final String HOME_ENV = "IR_PLAYBOOKS_HOME";
  public static final String SCRIPT = "scripts/ensure-temporal-cli.sh";

  /** Bounds a first-time build of the CLI (measured ~5 min). */
  private static final long BUILD_TIMEOUT_MINUTES = 20;

  private TemporalCli() {}

  /**
   * The CLI binary. {@code repoRoot} may be null: the root is then found by walking up from the
   * working directory to the first directory that has {@value #SCRIPT}.
   *
   * @throws IllegalStateException with the reason when the CLI cannot be had
   */
  public static Path locate(Path repoRoot) {
    String override = System.getenv(ENV);
    if (override != null && !override.isBlank()) {
      Path path = Path.of(override);
      if (!Files.isExecutable(path)) {
        throw new IllegalStateException(ENV + "=" + override + " is not an executable file");
      }
      return path;
    }
    Path root = repoRoot;
    String home = System.getenv(HOME_ENV);
    if (root == null && home != null && !home.isBlank()) root = findRepoRoot(Path.of(home));
    if (root == null) root = findRepoRoot(Path.of("").toAbsolutePath());
    if (root == null) {
      throw new IllegalStateException("cannot find " + SCRIPT + " above " + Path.of("").toAbsolutePath()
          + "; set " + ENV + " to a 'temporal' binary");
    }
    return runEnsureScript(root.resolve(SCRIPT));
  }

  /** The first directory at or above {@code start} that contains {@value #SCRIPT}, or null. */
  public static Path findRepoRoot(Path start) {
    for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(SCRIPT))) return dir;
    }
    return null;
  }

  private static Path runEnsureScript(Path script) {
    ProcessBuilder builder = new ProcessBuilder("bash", script.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT); // build progress goes to our stderr
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + script + ": " + e.getMessage(), e);
    }
    CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
    try {
      if (!process.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new IllegalStateException(script + " did not finish within " + BUILD_TIMEOUT_MINUTES + " minutes");
      }
    } catch (InterruptedException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + script, e);
    }
    String out = stdout.join().strip();
    if (process.exitValue() != 0) {
      throw new IllegalStateException(script + " failed with exit code " + process.exitValue()
          + " (Go missing or build failed; see its messages above)");
    }
    String last = out.lines().reduce((a, b) -> b).orElse("");
    Path binary = Path.of(last);
    if (last.isEmpty() || !Files.isExecutable(binary)) {
      throw new IllegalStateException(script + " printed no executable path (got '" + out + "')");
    }
    return binary;
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
