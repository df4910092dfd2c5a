package org.irplaybooks.starter.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jetty.HttpConnectorFactory;
import jakarta.validation.Validation;
import java.time.Duration;
import java.util.Map;
import org.apache.commons.text.StringSubstitutor;
import org.junit.jupiter.api.Test;

/** The committed {@code config/listener.yml}, read as the application reads it, with a chosen environment. */
class ListenerConfigurationTest {
  private static final String COMMITTED = "../config/listener.yml";

  private static ListenerConfiguration load(Map<String, String> environment) throws Exception {
    StringSubstitutor substitutor = new StringSubstitutor(environment::get);
    substitutor.setEnableSubstitutionInVariables(false);
    YamlConfigurationFactory<ListenerConfiguration> factory = new YamlConfigurationFactory<>(
        ListenerConfiguration.class, Validation.buildDefaultValidatorFactory().getValidator(), Jackson.newObjectMapper(), "dw");
    return factory.build(new SubstitutingSourceProvider(new FileConfigurationSourceProvider(), substitutor), COMMITTED);
  }

  @Test
  void defaults_bindToLoopbackAndLocalTemporal() throws Exception {
    ListenerConfiguration config = load(Map.of("IR_LISTENER_API_KEY", "k-123456789"));

    assertThat(config.getApiKey()).isEqualTo("k-123456789");
    assertThat(config.getApiKeyHeader()).isEqualTo("x-api-key");
    assertThat(config.getMaxBodyBytes()).isEqualTo(262144);
    assertThat(config.responsePolicy().approvalTimeout()).isEqualTo(Duration.ofHours(4));
    assertThat(config.responsePolicy().closeAfterEscalation()).isEqualTo(Duration.ofHours(20));
    assertThat(config.getTemporal().getTarget()).isEqualTo("127.0.0.1:7233");
    assertThat(config.getTemporal().getNamespace()).isEqualTo("default");
    assertThat(config.getTemporal().getTaskQueue()).isEqualTo("ir-playbooks");
    assertThat(config.getTemporal().hasApiKey()).isFalse();
    assertThat(config.getTemporal().getTls().isEnabled()).isFalse();
    HttpConnectorFactory app = (HttpConnectorFactory)
        ((DefaultServerFactory) config.getServerFactory()).getApplicationConnectors().get(0);
    assertThat(app.getBindHost()).isEqualTo("127.0.0.1");
    assertThat(app.getPort()).isEqualTo(8080);
  }

  @Test
  void environment_overridesEveryDefault() throws Exception {
    ListenerConfiguration config = load(Map.of("IR_LISTENER_API_KEY", "k-123456789", "TEMPORAL_ADDRESS", "temporal.internal:7233",
        "TEMPORAL_NAMESPACE", "ir-prod", "IR_TASK_QUEUE", "ir-q", "IR_APPROVAL_TIMEOUT", "30m", "IR_LISTENER_PORT", "9090",
        "TEMPORAL_API_KEY", "cloud-secret"));

    assertThat(config.getTemporal().getTarget()).isEqualTo("temporal.internal:7233");
    assertThat(config.getTemporal().getNamespace()).isEqualTo("ir-prod");
    assertThat(config.getTemporal().getTaskQueue()).isEqualTo("ir-q");
    assertThat(config.responsePolicy().approvalTimeout()).isEqualTo(Duration.ofMinutes(30));
    assertThat(config.getTemporal().toString()).doesNotContain("cloud-secret").contains("apiKey=<set>");
  }

  @Test
  void analysts_withoutTokens_areDisabled_andTokensComeFromTheEnvironment() throws Exception {
    ListenerConfiguration none = load(Map.of("IR_LISTENER_API_KEY", "k-123456789"));
    ListenerConfiguration some = load(Map.of("IR_LISTENER_API_KEY", "k-123456789",
        "IR_APPROVER_NAME", "carol", "IR_APPROVER_TOKEN", "tok-0123456789abcdef", "IR_CRITICAL_RECOVERY_APPROVALS", "2"));

    assertThat(none.getAnalysts()).noneMatch(a -> a.enabled());
    assertThat(some.getAnalysts()).filteredOn(a -> a.enabled()).singleElement()
        .satisfies(a -> assertThat(a.getName()).isEqualTo("carol"))
        .satisfies(a -> assertThat(a.getRoles()).containsExactly(org.irplaybooks.starter.listener.auth.Role.APPROVER));
    assertThat(some.responsePolicy().criticalRecoveryApprovals()).isEqualTo(2);
    assertThat(none.getTemporalWebUiUrl()).isEqualTo("http://127.0.0.1:8233");
  }

  @Test
  void shortAnalystToken_refusesToStart() {
    assertThatThrownBy(() -> load(Map.of("IR_LISTENER_API_KEY", "k-123456789", "IR_ADMIN_TOKEN", "short")))
        .isInstanceOf(ConfigurationValidationException.class)
        .hasMessageContaining("token");
  }

  @Test
  void trustedAccounts_reachTheResponsePolicy_andMustBeAccountIds() throws Exception {
    ListenerConfiguration config = load(Map.of("IR_LISTENER_API_KEY", "k-123456789"));
    assertThat(config.responsePolicy().trustedAccounts()).isEmpty();

    config.setTrustedAccounts(new java.util.ArrayList<>(java.util.List.of("111122223333")));
    assertThat(config.responsePolicy().trusts("111122223333")).isTrue();
    assertThat(config.responsePolicy().trusts("999988887777")).isFalse();

    config.setTrustedAccounts(new java.util.ArrayList<>(java.util.List.of("1111-2222")));
    assertThat(Validation.buildDefaultValidatorFactory().getValidator().validate(config))
        .anyMatch(v -> v.getPropertyPath().toString().startsWith("trustedAccounts"));
  }

  @Test
  void unsetApiKey_refusesToStart() {
    assertThatThrownBy(() -> load(Map.of())).isInstanceOf(ConfigurationValidationException.class)
        .hasMessageContaining("apiKey");
  }
}
