package org.irplaybooks.starter.listener.parsing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads the event fixtures of {@code src/test/resources/events/}. */
public final class Events {
  public static final String GUARDDUTY = "guardduty-iam-malicious-ip-custom.json";
  public static final String SECURITY_HUB_COPY = "securityhub-guardduty-import.json";
  public static final String CLOUDTRAIL = "cloudtrail-stoplogging.json";
  public static final String CONSOLE_SIGN_IN = "console-signin-root-no-mfa.json";
  public static final String HEALTH = "health-credentials-exposed.json";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Events() {}

  public static String text(String name) {
    try (InputStream in = Events.class.getResourceAsStream("/events/" + name)) {
      if (in == null) throw new IllegalArgumentException("no fixture " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh, mutable copy of a fixture. */
  public static ObjectNode json(String name) {
    try {
      return (ObjectNode) MAPPER.readTree(text(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ObjectNode at(JsonNode node, String... path) {
    JsonNode n = node;
    for (String p : path) n = n.get(p);
    return (ObjectNode) n;
  }
}
