package org.irplaybooks.starter.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Everything one benchmark run measured; written as JSON with {@code --json} (times in ms). */
public record BenchResult(
    String date,
    Machine machine,
    Map<String, Object> options,
    List<SingleMode> timeToContain,
    Burst burst,
    Footprint footprint,
    List<String> problems) {

  /** Where it ran. */
  public record Machine(int cpus, long memoryMiB, String java, String os) {
    static Machine here() {
      return new Machine(Runtime.getRuntime().availableProcessors(), memTotalMiB(),
          System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
          System.getProperty("os.name") + " " + System.getProperty("os.version"));
    }

    private static long memTotalMiB() {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.UTF_8)) {
          if (line.startsWith("MemTotal:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      } catch (IOException | RuntimeException e) {
        // not Linux
      }
      return -1;
    }
  }

  /**
   * One latency mode: the playbook's time to contain and the sequential script's, paired run by
   * run; {@code ratio} is playbook p50 / script p50. {@code listenerAccept} is POST to 202;
   * {@code medianRunBreakdown} shows where the time of the run closest to the median went.
   */
  public record SingleMode(String mode, long latencyMs, long jitterMs, List<Double> warmupRuns, Stats warmup,
      Stats playbook, Stats scriptWarmup, Stats script, Stats listenerAccept, double ratio,
      List<String> medianRunBreakdown) {}

  /**
   * The burst: {@code allContainedAfterFirstPostS} and {@code allContainedAfterLastPostS} end at the
   * last incident's last containment action; {@code timeToContain} is per incident from its first POST.
   */
  public record Burst(int findings, int distinct, int duplicates, int concurrency, double postSeconds,
      double postsPerSecond, int contained, double allContainedAfterFirstPostS, double allContainedAfterLastPostS,
      double incidentsPerSecond, Stats timeToContain, int lost, int duplicated, int failedPosts) {}

  /** Resident memory with {@code waitingForApproval} incidents open, and CPU seconds per incident. */
  public record Footprint(int waitingForApproval, double workerRssMiB, double listenerRssMiB, int incidentsMeasured,
      double workerCpuSecondsPerIncident, double listenerCpuSecondsPerIncident, Map<String, Double> rssMiBByProcess,
      Map<String, Double> cpuSecondsPerIncidentByProcess) {}
}
