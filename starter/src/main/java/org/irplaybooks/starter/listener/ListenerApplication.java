package org.irplaybooks.starter.listener;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Clock;
import java.time.Duration;
import org.irplaybooks.starter.listener.auth.AnalystTokenFilter;
import org.irplaybooks.starter.listener.http.ApiKeyFilter;
import org.irplaybooks.starter.listener.http.ExceptionMappers;
import org.irplaybooks.starter.listener.http.JsonErrorHandler;
import org.irplaybooks.starter.listener.http.RequestBodies;
import org.irplaybooks.starter.listener.incident.IncidentStarter;
import org.irplaybooks.starter.listener.parsing.EventParser;
import org.irplaybooks.starter.listener.resources.ConsoleResource;
import org.irplaybooks.starter.listener.resources.FindingsResource;
import org.irplaybooks.starter.listener.resources.IncidentsResource;
import org.irplaybooks.starter.listener.resources.MeResource;
import org.irplaybooks.worker.temporal.TemporalClients;
import org.irplaybooks.worker.temporal.TemporalHealthCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The finding listener: receives security findings over HTTP and starts one durable incident per
 * finding on Temporal. Run with {@code server config/listener.yml}.
 */
public class ListenerApplication extends Application<ListenerConfiguration> {
  private static final Logger LOG = LoggerFactory.getLogger(ListenerApplication.class);
  private static final Duration HEALTH_CHECK_TIMEOUT = Duration.ofSeconds(3);

  private final WorkflowClient suppliedClient;

  public ListenerApplication() {
    this(null);
  }

  /**
   * @param workflowClient a client to use instead of connecting per the configuration (tests pass
   *     the in-memory test environment's); its owner shuts it down
   */
  public ListenerApplication(WorkflowClient workflowClient) {
    this.suppliedClient = workflowClient;
  }

  public static void main(String[] args) throws Exception {
    new ListenerApplication().run(args);
  }

  @Override
  public String getName() {
    return "ir-playbooks-listener";
  }

  @Override
  public void initialize(Bootstrap<ListenerConfiguration> bootstrap) {
    // Non-strict: ${VAR:-default} supplies defaults; a required value left unset fails validation.
    bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
        bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
    bootstrap.getObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  }

  @Override
  public void run(ListenerConfiguration config, Environment environment) {
    if (config.getServerFactory() instanceof AbstractServerFactory server) {
      // Ours answer {"code","error"} everywhere and never show internals; see ExceptionMappers.
      server.setRegisterDefaultExceptionMappers(false);
    }
    environment.lifecycle().addServerLifecycleListener(server -> server.setErrorHandler(new JsonErrorHandler()));
    WorkflowClient client = suppliedClient;
    if (client == null) {
      WorkflowServiceStubs stubs = TemporalClients.newServiceStubs(config.getTemporal());
      environment.lifecycle().manage(TemporalClients.managed(stubs));
      client = TemporalClients.newWorkflowClient(stubs, config.getTemporal());
    }
    environment.healthChecks().register(TemporalHealthCheck.NAME, new TemporalHealthCheck(
        client.getWorkflowServiceStubs(), config.getTemporal().getTarget(), HEALTH_CHECK_TIMEOUT));

    RequestBodies bodies = new RequestBodies(config.getMaxBodyBytes());
    IncidentStarter starter = new IncidentStarter(
        client, config.getTemporal().getTaskQueue(), config.responsePolicy(), Clock.systemUTC());
    environment.jersey().register(new ApiKeyFilter(config.getApiKeyHeader(), config.getApiKey()));
    environment.jersey().register(new AnalystTokenFilter(config.getAnalysts()));
    if (config.getAnalysts().stream().noneMatch(a -> a.enabled())) {
      LOG.warn("no analyst has a token: the incident API and console refuse everyone (see docs/console.md)");
    }
    ExceptionMappers.all().forEach(environment.jersey()::register);
    environment.jersey().register(new FindingsResource(EventParser.standard(), starter, bodies));
    environment.jersey().register(new IncidentsResource(client, bodies));
    environment.jersey().register(new MeResource(config.getTemporalWebUiUrl(), config.getTemporal().getNamespace()));
    environment.jersey().register(new ConsoleResource());
  }
}
