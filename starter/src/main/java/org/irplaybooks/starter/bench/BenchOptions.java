package org.irplaybooks.starter.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.irplaybooks.starter.Irctl.UsageException;

/**
 * The benchmark's knobs; {@link #parse} reads them from {@code irctl bench} options.
 *
 * @param workerEnv extra environment for the worker (e.g. {@code JAVA_TOOL_OPTIONS} for a JFR
 *     recording), from {@code --worker-env NAME=VALUE}
 */
public record BenchOptions(
    int runs,
    int warmup,
    Duration latency,
    Duration jitter,
    int burst,
    double duplicates,
    int concurrency,
    int openTarget,
    Duration phaseTimeout,
    long pollMillis,
    Path json,
    Path stateDir,
    Map<String, String> workerEnv) {

  public static final String USAGE = """
      options of bench:
        --runs N             measured runs per latency mode, one incident at a time (default 30)
        --warmup N           warm-up runs before them, reported separately (default 5)
        --latency-ms N       added to every AWS call by the proxy (default 50)
        --jitter-ms N        plus a uniform random 0..N ms (default 10)
        --burst N            findings in the burst, 0 to skip burst and footprint (default 1000)
        --duplicates F       share of the burst that repeats a finding (default 0.2)
        --concurrency N      POSTs in flight during the burst (default 16)
        --open N             incidents waiting for approval when the footprint is taken (default 1000)
        --timeout-s N        bound on each wait of the burst and the footprint (default 300)
        --json FILE          also write the figures as JSON (to compare commits)
        --state-dir DIR      Temporal database and logs (default: a new temporary directory)
        --worker-env K=V     extra environment for the worker, e.g. JAVA_TOOL_OPTIONS=-XX:StartFlightRecording=...
      """;

  public static BenchOptions defaults() {
    return new BenchOptions(30, 5, Duration.ofMillis(50), Duration.ofMillis(10), 1000, 0.2, 16, 1000,
        Duration.ofSeconds(300), 20, null, null, Map.of());
  }

  public static BenchOptions parse(String[] args) {
    BenchOptions o = defaults();
    int runs = o.runs;
    int warmup = o.warmup;
    long latency = o.latency.toMillis();
    long jitter = o.jitter.toMillis();
    int burst = o.burst;
    double duplicates = o.duplicates;
    int concurrency = o.concurrency;
    int open = o.openTarget;
    long timeout = o.phaseTimeout.toSeconds();
    Path json = null;
    Path stateDir = null;
    Map<String, String> workerEnv = new LinkedHashMap<>();
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    while (!rest.isEmpty()) {
      String flag = rest.remove(0);
      if (rest.isEmpty()) throw new UsageException(flag + " needs a value\n" + USAGE);
      String value = rest.remove(0);
      switch (flag) {
        case "--runs" -> runs = number(flag, value, 1, 100_000);
        case "--warmup" -> warmup = number(flag, value, 0, 100_000);
        case "--latency-ms" -> latency = number(flag, value, 0, 10_000);
        case "--jitter-ms" -> jitter = number(flag, value, 0, 10_000);
        case "--burst" -> burst = number(flag, value, 0, 100_000);
        case "--duplicates" -> {
          try {
            duplicates = Double.parseDouble(value);
          } catch (NumberFormatException e) {
            duplicates = -1;
          }
          if (duplicates < 0 || duplicates >= 1) throw new UsageException("--duplicates needs a share in [0, 1), got " + value);
        }
        case "--concurrency" -> concurrency = number(flag, value, 1, 1024);
        case "--open" -> open = number(flag, value, 0, 100_000);
        case "--timeout-s" -> timeout = number(flag, value, 1, 86_400);
        case "--json" -> json = Path.of(value);
        case "--state-dir" -> stateDir = Path.of(value);
        case "--worker-env" -> {
          int eq = value.indexOf('=');
          if (eq <= 0) throw new UsageException("--worker-env needs NAME=VALUE, got " + value);
          workerEnv.put(value.substring(0, eq), value.substring(eq + 1));
        }
        default -> throw new UsageException("unknown option " + flag + "\n" + USAGE);
      }
    }
    return new BenchOptions(runs, warmup, Duration.ofMillis(latency), Duration.ofMillis(jitter), burst, duplicates,
        concurrency, open, Duration.ofSeconds(timeout), o.pollMillis, json, stateDir, Map.copyOf(workerEnv));
  }

  private static int number(String flag, String value, int min, int max) {
    try {
      int n = Integer.parseInt(value);
      if (n < min || n > max) throw new NumberFormatException();
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException(flag + " needs a whole number between " + min + " and " + max + ", got " + value);
    }
  }

  /** The options as the report shows them. */
  Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("runs", runs);
    d.put("warmup", warmup);
    d.put("latencyMs", latency.toMillis());
    d.put("jitterMs", jitter.toMillis());
    d.put("burst", burst);
    d.put("duplicates", duplicates);
    d.put("concurrency", concurrency);
    d.put("open", openTarget);
    d.put("workerEnv", workerEnv);
    return d;
  }
}
