package org.irplaybooks.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.irplaybooks.starter.bench.BenchCommand;
import org.irplaybooks.starter.bench.BenchOptions;
import org.irplaybooks.starter.bench.BenchResult;
import org.irplaybooks.starter.devstack.DevStack;
import org.irplaybooks.tests.support.LocalStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark harness, small: three runs per latency mode and a 20-finding burst on the real
 * local stack, so the harness cannot rot. It checks that the figures are there and sane and that
 * no finding was lost or doubled; it asserts no timings (the machine's load decides those).
 */
class BenchSmokeTest {
  @TempDir Path state;

  @Test
  void smallBench_producesFigures_andOneIncidentPerDistinctFinding() {
    BenchOptions options = new BenchOptions(3, 0, Duration.ofMillis(5), Duration.ofMillis(2), 20, 0.2, 8, 20,
        Duration.ofSeconds(120), 20, null, null, Map.of());
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    BenchResult result;
    try (DevStack stack = LocalStack.start(state)) {
      result = BenchCommand.runOn(stack, options, new PrintStream(progress, true, StandardCharsets.UTF_8));
    }

    assertThat(result.problems()).isEmpty();
    assertThat(result.timeToContain()).hasSize(2);
    for (BenchResult.SingleMode mode : result.timeToContain()) {
      assertThat(mode.playbook().n()).isEqualTo(3);
      assertThat(mode.script().n()).isEqualTo(3);
      assertThat(mode.playbook().p50()).isPositive().isLessThanOrEqualTo(mode.playbook().max());
      assertThat(mode.script().p50()).isPositive();
      assertThat(mode.ratio()).isPositive().isFinite();
      assertThat(mode.medianRunBreakdown()).anyMatch(line -> line.contains("Deactivate access key"));
    }
    BenchResult.Burst burst = result.burst();
    assertThat(burst.findings()).isEqualTo(20);
    assertThat(burst.distinct()).isEqualTo(16);
    assertThat(burst.contained()).isEqualTo(16);
    assertThat(burst.lost()).isZero();
    assertThat(burst.duplicated()).isZero();
    assertThat(burst.failedPosts()).isZero();
    assertThat(burst.timeToContain().max()).isPositive();
    BenchResult.Footprint footprint = result.footprint();
    assertThat(footprint.waitingForApproval()).isGreaterThanOrEqualTo(20);
    assertThat(footprint.workerRssMiB()).isPositive();
    assertThat(footprint.listenerRssMiB()).isPositive();
    assertThat(footprint.workerCpuSecondsPerIncident()).isPositive();
  }
}
