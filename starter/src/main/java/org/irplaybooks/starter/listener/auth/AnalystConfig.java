package org.irplaybooks.starter.listener.auth;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One analyst of the listener's YAML: a name, a bearer token, roles, and the AWS principals the
 * analyst is known by. An entry whose token is empty (an unset environment variable) is disabled.
 */
public class AnalystConfig {
  /** The same characters an approver may have, as the audit trail records the name. */
  @NotNull
  @Pattern(regexp = "^[A-Za-z0-9 .@+=,:'_-]{1,128}$", message = "must be 1-128 of letters, digits, space and .@+=,:'_-")
  private String name;

  /** Empty disables the entry; otherwise at least 16 characters, and never a placeholder. */
  @NotNull
  @Pattern(regexp = "^$|^(?!\\$\\{)[\\x21-\\x7E]{16,256}$",
      message = "must be empty (disabled) or 16-256 printable characters without spaces")
  private String token = "";

  @NotEmpty private Set<Role> roles = new LinkedHashSet<>();

  @NotNull private List<String> awsPrincipals = new ArrayList<>();

  @JsonProperty
  public String getName() {
    return name;
  }

  @JsonProperty
  public void setName(String name) {
    this.name = name;
  }

  /** Not serialized: a configuration dump must not carry tokens. */
  @JsonIgnore
  public String getToken() {
    return token;
  }

  @JsonProperty("token")
  public void setToken(String token) {
    this.token = token == null ? "" : token;
  }

  @JsonProperty
  public Set<Role> getRoles() {
    return roles;
  }

  @JsonProperty
  public void setRoles(Set<Role> roles) {
    this.roles = roles;
  }

  @JsonProperty
  public List<String> getAwsPrincipals() {
    return awsPrincipals;
  }

  @JsonProperty
  public void setAwsPrincipals(List<String> awsPrincipals) {
    this.awsPrincipals = awsPrincipals == null ? new ArrayList<>() : awsPrincipals;
  }

  @JsonIgnore
  public boolean enabled() {
    return !token.isEmpty();
  }

  public Analyst toAnalyst() {
    return new Analyst(name, roles, awsPrincipals);
  }
}
