package org.irplaybooks.starter.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class ChildProcessTest {
  /** A shell that starts a grandchild and waits: closing must take both down. */
  private static final List<String> TREE = List.of("bash", "-c", "echo hello-from-child; sleep 300 & wait");

  @Test
  void logsOutputAndClosesTheWholeTree(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("logs/child.log");
    ChildProcess child = ChildProcess.start("tree", TREE, log);
    List<ProcessHandle> descendants = awaitDescendants(child);
    child.close();
    assertThat(child.isAlive()).isFalse();
    assertThat(descendants).noneMatch(ProcessHandle::isAlive);
    assertThat(Files.readString(log)).contains("starting tree", "hello-from-child");
  }

  @Test
  void closeForcesAProcessThatIgnoresSigterm(@TempDir Path dir) throws Exception {
    ChildProcess child = ChildProcess.start("stubborn",
        List.of("bash", "-c", "trap '' TERM; echo ready; while true; do sleep 0.1; done"), dir.resolve("s.log"),
        java.util.Map.of(), null, java.time.Duration.ofMillis(500));
    awaitLog(dir.resolve("s.log"), "ready");
    child.close();
    assertThat(child.isAlive()).isFalse();
  }

  @Test
  void kill9KillsTheTreeAtOnce(@TempDir Path dir) throws Exception {
    ChildProcess child = ChildProcess.start("tree", TREE, dir.resolve("k.log"));
    List<ProcessHandle> descendants = awaitDescendants(child);
    child.kill9();
    assertThat(child.isAlive()).isFalse();
    assertThat(child.exitValue()).isEqualTo(137);
    assertThat(descendants).noneMatch(ProcessHandle::isAlive);
  }

  /** A JVM that started children and is then terminated (as by Ctrl-C) leaves no orphans. */
  @Test
  void theShutdownHookReapsChildrenOfATerminatedJvm(@TempDir Path dir) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process jvm = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        ChildProcessTest.class.getName(), dir.toString()).redirectErrorStream(true).start();
    List<Long> pids = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("pids ")) {
          for (String pid : line.substring(5).trim().split(" ")) pids.add(Long.parseLong(pid));
          break;
        }
      }
      assertThat(pids).as("child JVM reported its children").hasSizeGreaterThanOrEqualTo(2);
      jvm.destroy(); // SIGTERM: runs shutdown hooks, like SIGINT from Ctrl-C
      assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      jvm.destroyForcibly();
    }
    for (long pid : pids) {
      Optional<ProcessHandle> handle = ProcessHandle.of(pid);
      if (handle.isPresent()) handle.get().onExit().get(10, TimeUnit.SECONDS);
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid %d", pid).isFalse();
    }
  }

  /** Entry point of the child JVM above: starts a process tree, prints its pids, waits to be killed. */
  public static void main(String[] args) throws Exception {
    ChildProcess child = ChildProcess.start("tree", TREE, Path.of(args[0], "hook.log"));
    List<ProcessHandle> descendants = awaitDescendants(child);
    StringBuilder pids = new StringBuilder("pids ").append(child.pid());
    descendants.forEach(d -> pids.append(' ').append(d.pid()));
    System.out.println(pids);
    System.out.flush();
    Thread.sleep(TimeUnit.MINUTES.toMillis(5));
  }

  private static List<ProcessHandle> awaitDescendants(ChildProcess child) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      List<ProcessHandle> descendants = child.process().descendants().toList();
      if (!descendants.isEmpty()) return descendants;
      Thread.sleep(50);
    }
    throw new AssertionError("no descendants of " + child);
  }

  private static void awaitLog(Path log, String text) throws Exception {
    for (int i = 0; i < 100; i++) {
      if (Files.exists(log) && Files.readString(log).contains(text)) return;
      Thread.sleep(50);
    }
    throw new AssertionError(text + " never appeared in " + log);
  }
}
