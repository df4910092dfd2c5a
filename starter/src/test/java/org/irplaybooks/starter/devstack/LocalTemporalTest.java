package org.irplaybooks.starter.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class LocalTemporalTest {

  @Test
  void fallsBackToTheJavaTestServerWhenTheCliCannotBeHad(@TempDir Path dir) {
    Assumptions.assumeTrue(System.getenv(TemporalCli.ENV) == null, "TEMPORAL_CLI is set: the CLI is always found");
    // A "repository" without scripts/ensure-temporal-cli.sh: the CLI cannot be located or built.
    Path emptyRepo = dir.resolve("repo");
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (LocalTemporal temporal = LocalTemporal.startBest(StateDir.at(dir.resolve("state")),
        TemporalDevServer.Config.ephemeral().withRepoRoot(emptyRepo),
        new PrintStream(buffer, true, StandardCharsets.UTF_8))) {
      assertThat(temporal.isFallback()).isTrue();
      assertThat(temporal.isRunning()).isTrue();
      assertThat(temporal.limitations()).isNotEmpty();
      assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("FALLING BACK");
    }
  }
}
