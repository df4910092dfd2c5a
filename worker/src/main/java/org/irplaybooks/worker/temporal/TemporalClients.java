package org.irplaybooks.worker.temporal;

import io.dropwizard.lifecycle.Managed;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/** Builds the Temporal connection from {@link TemporalConfiguration}; one place for the worker and listener. */
public final class TemporalClients {

  private TemporalClients() {}

  /**
   * Service stubs for the configured frontend. The connection is made lazily, so an application
   * starts even while Temporal is down; the health check reports it.
   */
  public static WorkflowServiceStubs newServiceStubs(TemporalConfiguration config) {
    return WorkflowServiceStubs.newServiceStubs(serviceStubsOptions(config));
  }

  static WorkflowServiceStubsOptions serviceStubsOptions(TemporalConfiguration config) {
    WorkflowServiceStubsOptions.Builder options =
        WorkflowServiceStubsOptions.newBuilder().setTarget(config.getTarget());
    TemporalConfiguration.Tls tls = config.getTls();
    if (tls.isEnabled()) {
      options.setSslContext(sslContext(tls));
      if (tls.getServerName() != null) {
        // The certificate's name differs from the address dialled (a load balancer, an IP).
        String serverName = tls.getServerName();
        options.setChannelInitializer(channel -> channel.overrideAuthority(serverName));
      }
    }
    if (config.hasApiKey()) {
      String apiKey = config.getApiKey();
      options.addApiKey(() -> apiKey);
      if (!tls.isEnabled()) {
        // An API key must never travel in clear text: Temporal Cloud requires TLS with it anyway.
        options.setEnableHttps(true);
      }
    }
    return options.build();
  }

  public static WorkflowClient newWorkflowClient(WorkflowServiceStubs stubs, TemporalConfiguration config) {
    return WorkflowClient.newInstance(
        stubs, WorkflowClientOptions.newBuilder().setNamespace(config.getNamespace()).build());
  }

  /** Shuts the stubs down with the application, after in-flight calls had a moment to finish. */
  public static Managed managed(WorkflowServiceStubs stubs) {
    return new Managed() {
      @Override
      public void stop() throws InterruptedException {
        stubs.shutdown();
        if (!stubs.awaitTermination(5, TimeUnit.SECONDS)) {
          stubs.shutdownNow();
        }
      }
    };
  }

  private static SslContext sslContext(TemporalConfiguration.Tls tls) {
    try {
      SimpleSslContextBuilder builder;
      if (tls.getClientCertPath() != null) {
        try (InputStream cert = Files.newInputStream(Path.of(tls.getClientCertPath()));
            InputStream key = Files.newInputStream(Path.of(tls.getClientKeyPath()))) {
          builder = SimpleSslContextBuilder.forPKCS8(cert, key);
          if (tls.getServerCaPath() != null) {
            builder.setTrustManager(trustManager(Path.of(tls.getServerCaPath())));
          }
          return builder.build();
        }
      }
      builder = SimpleSslContextBuilder.noKeyOrCertChain();
      if (tls.getServerCaPath() != null) {
        builder.setTrustManager(trustManager(Path.of(tls.getServerCaPath())));
      }
      return builder.build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Temporal TLS material: " + e.getMessage(), e);
    }
  }

  /** Trusts exactly the CA certificates in a PEM file (a private CA for a self-hosted cluster). */
  private static TrustManager trustManager(Path caPem) throws IOException {
    try (InputStream in = Files.newInputStream(caPem)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("temporal-ca-" + i++, ca);
      }
      if (i == 0) {
        throw new IOException("no certificate in " + caPem);
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return factory.getTrustManagers()[0];
    } catch (GeneralSecurityException e) {
      throw new IOException("invalid CA certificate file " + caPem + ": " + e.getMessage(), e);
    }
  }
}
