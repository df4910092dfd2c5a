package org.irplaybooks.starter.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's resident memory and CPU time from Linux's {@code /proc}: {@code VmRSS} of
 * {@code /proc/<pid>/status}, and {@code utime + stime} of {@code /proc/<pid>/stat} in clock ticks.
 */
public final class ProcStats {
  private static final long TICKS_PER_SECOND = clockTicks();

  private ProcStats() {}

  /** Resident set size in MiB, or NaN where /proc cannot be read. */
  public static double rssMiB(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"), StandardCharsets.UTF_8)) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.trim().split("\\s+");
          return Long.parseLong(parts[1]) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or the process is gone
    }
    return Double.NaN;
  }

  /** User plus system CPU seconds the process used so far, or NaN where /proc cannot be read. */
  public static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"), StandardCharsets.UTF_8);
      // The command name (field 2) is in parentheses and may hold spaces: count from after it.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
      long utime = Long.parseLong(fields[11]);
      long stime = Long.parseLong(fields[12]);
      return (utime + stime) / (double) TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private static long clockTicks() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      getconf.waitFor();
      return Long.parseLong(out);
    } catch (IOException | RuntimeException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}
