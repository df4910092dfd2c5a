package org.irplaybooks.tests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs where the tests run, so this checks what can be checked without one: every
 * service can be created, the roles get the environment their YAML requires, health checks and
 * ports are there, and the image is built with the README's build command.
 */
class DockerComposeTest {
  private static final Path ROOT = repositoryRoot();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  /** {@code ${NAME}} with no default: the role refuses to start without it. */
  private static final Pattern REQUIRED_VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)}");

  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("docker-compose.yml")) && Files.exists(dir.resolve("Dockerfile"))) return dir;
    }
    throw new IllegalStateException("docker-compose.yml not found above " + Path.of("").toAbsolutePath());
  }

  private static JsonNode compose() throws IOException {
    return YAML.readTree(ROOT.resolve("docker-compose.yml").toFile());
  }

  @Test
  void everyServiceHasAnImageOrABuild_andTheRolesUseTheDockerfile() throws IOException {
    JsonNode services = compose().path("services");
    assertThat(services.size()).isGreaterThanOrEqualTo(6);
    services.fields().forEachRemaining(service -> assertThat(
        service.getValue().has("image") || service.getValue().has("build")).as(service.getKey()).isTrue());
    for (String role : List.of("worker", "listener")) {
      JsonNode service = services.path(role);
      assertThat(service.path("build").asText()).as(role).isEqualTo(".");
      assertThat(service.path("command").path(0).asText()).isEqualTo(role);
      assertThat(service.path("command").path(1).asText()).isEqualTo("/app/config/" + role + ".yml");
      assertThat(service.path("healthcheck").path("test").toString()).contains("/healthcheck");
    }
    assertThat(services.path("temporal").path("healthcheck").isObject()).isTrue();
    assertThat(services.path("postgresql").path("healthcheck").isObject()).isTrue();
    assertThat(services.path("temporal").path("environment").path("DB").asText()).startsWith("postgres");
    assertThat(services.path("temporal-ui").path("environment").path("TEMPORAL_ADDRESS").asText())
        .isEqualTo("temporal:7233");
    assertThat(services.path("moto").path("profiles").toString()).contains("emulator");
  }

  @Test
  void rolesGetEveryVariableTheirConfigurationRequires() throws IOException {
    JsonNode services = compose().path("services");
    for (String role : List.of("worker", "listener")) {
      Set<String> required = requiredVariables(ROOT.resolve("config/" + role + ".yml"));
      JsonNode environment = services.path(role).path("environment");
      for (String variable : required) {
        assertThat(environment.has(variable)).as(role + " needs " + variable).isTrue();
      }
      assertThat(environment.path("TEMPORAL_ADDRESS").asText()).isEqualTo("temporal:7233");
    }
    assertThat(services.path("listener").path("ports").toString()).contains("8080");
  }

  @Test
  void dockerfileBuildsWithTheReadmesCommand_andRunsAsNonRoot() throws IOException {
    String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
    String readme = Files.readString(ROOT.resolve("README.md"));
    Matcher build = Pattern.compile("(?m)^RUN (mvn -B -DskipTests package)$").matcher(dockerfile);
    assertThat(build.find()).as("the Dockerfile's build step").isTrue();
    assertThat(readme).contains("`" + build.group(1) + "`");
    assertThat(dockerfile).containsPattern("(?m)^USER (?!root)\\w+");
    assertThat(dockerfile).contains("COPY --from=build /src/starter/target/irctl.jar");
    assertThat(ROOT.resolve("starter/pom.xml")).content().contains("<outputFile>${project.build.directory}/irctl.jar</outputFile>");
  }

  private static Set<String> requiredVariables(Path config) throws IOException {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = REQUIRED_VARIABLE.matcher(Files.readString(config));
    while (m.find()) names.add(m.group(1));
    return names;
  }
}
