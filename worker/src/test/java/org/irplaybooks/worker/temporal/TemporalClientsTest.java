package org.irplaybooks.worker.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TemporalClientsTest {

  @Test
  void toString_neverShowsTheApiKey() {
    TemporalConfiguration config = new TemporalConfiguration();
    config.setApiKey("tcld-secret-value");

    assertThat(config.toString()).doesNotContain("tcld-secret-value").contains("apiKey=<set>");
  }

  @Test
  void blankApiKey_meansNone() {
    TemporalConfiguration config = new TemporalConfiguration();
    config.setApiKey("  ");

    assertThat(config.hasApiKey()).isFalse();
  }

  @Test
  void apiKeyWithoutTls_stillUsesTls() {
    TemporalConfiguration config = new TemporalConfiguration();
    config.setApiKey("tcld-secret-value");

    assertThat(TemporalClients.serviceStubsOptions(config).getEnableHttps()).isTrue();
  }

  @Test
  void healthCheck_isUnhealthyWithinItsTimeout_whenNothingListens() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    TemporalConfiguration config = new TemporalConfiguration();
    config.setTarget("127.0.0.1:" + port);
    WorkflowServiceStubs stubs = TemporalClients.newServiceStubs(config);
    try {
      long started = System.nanoTime();
      HealthCheck.Result result = new TemporalHealthCheck(stubs, config.getTarget(), Duration.ofSeconds(2)).execute();

      assertThat(result.isHealthy()).isFalse();
      assertThat(result.getMessage()).contains("127.0.0.1:" + port).contains("UNAVAILABLE");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    } finally {
      TemporalClients.managed(stubs).stop();
    }
  }
}
