package org.irplaybooks.starter.bench;

import java.util.Locale;

/** The benchmark's figures as a plain-text table. */
final class BenchTable {
  private BenchTable() {}

  static String render(BenchResult r) {
    StringBuilder t = new StringBuilder();
    t.append(String.format(Locale.ROOT, "IR Playbooks benchmark, %s, %d CPUs, %d MiB, %s%n", r.date(),
        r.machine().cpus(), r.machine().memoryMiB(), r.machine().java()));
    t.append(String.format(Locale.ROOT, "%nTime to contain, access-key playbook, one incident at a time (ms; POST ->"
        + " last containment action's finishedAt in the incident state)%n"));
    t.append(String.format(Locale.ROOT, "%-30s %-9s %5s %8s %8s %8s %8s %8s%n", "mode", "who", "n", "p50", "p95",
        "p99", "max", "ratio"));
    for (BenchResult.SingleMode m : r.timeToContain()) {
      row(t, m.mode(), "warm-up", m.warmup(), "");
      row(t, "", "playbook", m.playbook(), String.format(Locale.ROOT, "%.2f", m.ratio()));
      row(t, "", "script", m.script(), "");
      row(t, "", "POST->202", m.listenerAccept(), "");
    }
    for (BenchResult.SingleMode m : r.timeToContain()) {
      t.append(String.format(Locale.ROOT, "%nThe median run, %s (ms from the POST: start, end, duration):%n", m.mode()));
      m.medianRunBreakdown().forEach(line -> t.append("  ").append(line).append('\n'));
    }
    if (r.burst() != null) {
      BenchResult.Burst b = r.burst();
      t.append(String.format(Locale.ROOT, "%nBurst: %d findings (%d distinct, %d duplicates), %d POSTs in flight%n",
          b.findings(), b.distinct(), b.duplicates(), b.concurrency()));
      t.append(String.format(Locale.ROOT, "  posted in %.1f s (%.0f POST/s); contained %d/%d%n", b.postSeconds(),
          b.postsPerSecond(), b.contained(), b.distinct()));
      t.append(String.format(Locale.ROOT, "  all contained %.1f s after the first POST, %.1f s after the last;"
          + " %.1f incidents/s%n", b.allContainedAfterFirstPostS(), b.allContainedAfterLastPostS(), b.incidentsPerSecond()));
      t.append(String.format(Locale.ROOT, "  time to contain per incident: p50 %.0f ms, p95 %.0f ms, p99 %.0f ms,"
          + " slowest %.0f ms%n", b.timeToContain().p50(), b.timeToContain().p95(), b.timeToContain().p99(),
          b.timeToContain().max()));
      t.append(String.format(Locale.ROOT, "  lost %d, duplicated %d, POSTs not 202: %d%n", b.lost(), b.duplicated(),
          b.failedPosts()));
    }
    if (r.footprint() != null) {
      BenchResult.Footprint f = r.footprint();
      t.append(String.format(Locale.ROOT, "%nFootprint with %d incidents waiting for approval%n", f.waitingForApproval()));
      t.append(String.format(Locale.ROOT, "  RSS worker %.0f MiB, listener %.0f MiB%n", f.workerRssMiB(),
          f.listenerRssMiB()));
      t.append(String.format(Locale.ROOT, "  CPU per incident (over %d new incidents, to the approval gate):"
          + " worker %.3f s, listener %.3f s%n", f.incidentsMeasured(), f.workerCpuSecondsPerIncident(),
          f.listenerCpuSecondsPerIncident()));
      t.append("  every process (RSS MiB / CPU s per incident, burst and footprint together):");
      f.rssMiBByProcess().forEach((name, rss) -> t.append(String.format(Locale.ROOT, " %s %.0f / %.3f;", name, rss,
          f.cpuSecondsPerIncidentByProcess().get(name))));
      t.append('\n');
    }
    if (!r.problems().isEmpty()) {
      t.append(String.format(Locale.ROOT, "%nPROBLEMS (%d):%n", r.problems().size()));
      r.problems().stream().limit(20).forEach(p -> t.append("  - ").append(p).append('\n'));
    }
    return t.toString();
  }

  private static void row(StringBuilder t, String mode, String who, Stats s, String ratio) {
    t.append(String.format(Locale.ROOT, "%-30s %-9s %5d %8.0f %8.0f %8.0f %8.0f %8s%n", mode, who, s.n(), s.p50(),
        s.p95(), s.p99(), s.max(), ratio));
  }
}
