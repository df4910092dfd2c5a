package org.irplaybooks.starter.listener.parsing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A JSON node together with its path in the request, so that every rule that fails can name the
 * field it failed on. Absent and JSON {@code null} are treated alike.
 */
public record Field(JsonNode node, String path) {

  public static Field root(JsonNode node, String path) {
    return new Field(node, path);
  }

  public Field get(String name) {
    JsonNode child = node.isObject() ? node.get(name) : null;
    return new Field(child == null ? MissingNode.getInstance() : child, path.isEmpty() ? name : path + "." + name);
  }

  /** Shorthand for a chain of {@link #get}. */
  public Field at(String... names) {
    Field f = this;
    for (String name : names) f = f.get(name);
    return f;
  }

  public boolean present() {
    return !node.isMissingNode() && !node.isNull();
  }

  public Field requireObject() {
    if (!present()) throw new InvalidFieldException(path, "is required");
    if (!node.isObject()) throw new InvalidFieldException(path, "must be an object");
    return this;
  }

  /** Null when absent; an object when present, else the request is refused. */
  public Field optionalObject() {
    if (!present()) return null;
    if (!node.isObject()) throw new InvalidFieldException(path, "must be an object");
    return this;
  }

  public String requiredText() {
    if (!present()) throw new InvalidFieldException(path, "is required");
    return text();
  }

  public String optionalText() {
    return present() ? text() : null;
  }

  private String text() {
    if (!node.isTextual()) throw new InvalidFieldException(path, "must be a string");
    return node.textValue();
  }

  public double requiredNumber() {
    if (!present()) throw new InvalidFieldException(path, "is required");
    if (!node.isNumber()) throw new InvalidFieldException(path, "must be a number");
    return node.doubleValue();
  }

  /** A non-negative whole number, given as a JSON number or (as ASFF ProductFields do) a string of digits. */
  public Long optionalCount() {
    if (!present()) return null;
    if (node.isIntegralNumber() && node.canConvertToLong() && node.longValue() >= 0) return node.longValue();
    if (node.isTextual() && node.textValue().matches("\\d{1,18}")) return Long.parseLong(node.textValue());
    throw new InvalidFieldException(path, "must be a non-negative whole number");
  }

  public Boolean optionalBoolean() {
    if (!present()) return null;
    if (!node.isBoolean()) throw new InvalidFieldException(path, "must be true or false");
    return node.booleanValue();
  }

  /** ISO-8601 ({@code 2024-05-01T10:00:00.000Z}) or RFC 1123 ({@code Wed, 01 May 2024 10:00:00 GMT}, AWS Health). */
  public Instant optionalInstant() {
    String text = optionalText();
    if (text == null) return null;
    if (text.length() > 64) throw new InvalidFieldException(path, "not a valid timestamp");
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      try {
        return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      } catch (DateTimeParseException e2) {
        throw new InvalidFieldException(path, "not a valid ISO-8601 timestamp");
      }
    }
  }

  /** The elements of an array, each with its path; empty when absent. */
  public List<Field> optionalArray() {
    if (!present()) return List.of();
    if (!node.isArray()) throw new InvalidFieldException(path, "must be an array");
    List<Field> elements = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      elements.add(new Field(node.get(i), path + "[" + i + "]"));
    }
    return elements;
  }

  public List<Field> requiredArray() {
    if (!present()) throw new InvalidFieldException(path, "is required");
    return optionalArray();
  }

  /** The fields of an object as (name, field) pairs, in document order. */
  public List<Map.Entry<String, Field>> entries() {
    if (!node.isObject()) return List.of();
    List<Map.Entry<String, Field>> entries = new ArrayList<>();
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      entries.add(Map.entry(name, get(name)));
    }
    return entries;
  }
}
