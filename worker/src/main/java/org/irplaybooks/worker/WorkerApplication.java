package org.irplaybooks.worker;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import org.irplaybooks.activities.aws.AwsClientFactory;
import org.irplaybooks.worker.health.WorkerRunningHealthCheck;
import org.irplaybooks.worker.temporal.TemporalClients;
import org.irplaybooks.worker.temporal.TemporalHealthCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker service: polls the playbooks' task queue and runs their workflows and activities.
 * Run N replicas on one task queue for capacity and failover; each is stateless.
 */
public class WorkerApplication extends Application<WorkerConfiguration> {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerApplication.class);

  public static void main(String[] args) throws Exception {
    new WorkerApplication().run(args);
  }

  @Override
  public String getName() {
    return "ir-playbooks-worker";
  }

  @Override
  public void initialize(Bootstrap<WorkerConfiguration> bootstrap) {
    bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
        bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
  }

  @Override
  public void run(WorkerConfiguration config, Environment environment) {
    WorkflowServiceStubs stubs = TemporalClients.newServiceStubs(config.getTemporal());
    WorkflowClient client = TemporalClients.newWorkflowClient(stubs, config.getTemporal());
    AwsClientFactory aws = new AwsClientFactory(config.getAws().toSettings());
    WorkerFactory factory = WorkerFactory.newInstance(client);
    Worker worker = factory.newWorker(config.getTemporal().getTaskQueue());
    PlaybookRegistry.register(worker, aws, config.getNotifications().toSettings(),
        config.getAws().getCloudTrailLookupsPerSecond());

    environment.lifecycle().manage(TemporalClients.managed(stubs));
    environment.lifecycle().manage(new Managed() {
      @Override
      public void start() {
        try {
          LOG.info("AWS identity: {}", aws.warmUp());
        } catch (RuntimeException e) {
          // Not fatal: AWS may be briefly unreachable; each activity retries its own calls.
          LOG.warn("AWS is not reachable yet ({}); incidents will retry their calls", e.getMessage());
        }
        factory.start();
        LOG.info("Worker polling task queue {} on {} (namespace {})", config.getTemporal().getTaskQueue(),
            config.getTemporal().getTarget(), config.getTemporal().getNamespace());
      }

      @Override
      public void stop() {
        // Lets running activities finish their current AWS call before the process exits.
        factory.shutdown();
        factory.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        aws.close();
      }
    });
    environment.healthChecks().register(TemporalHealthCheck.NAME,
        new TemporalHealthCheck(stubs, config.getTemporal().getTarget(), Duration.ofSeconds(3)));
    environment.healthChecks().register("worker", new WorkerRunningHealthCheck(factory));
  }
}
