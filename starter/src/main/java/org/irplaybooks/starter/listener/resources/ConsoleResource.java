package org.irplaybooks.starter.listener.resources;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.irplaybooks.starter.listener.http.ApiException;

/**
 * The incident console: static HTML, CSS and JavaScript from the jar, no build step and nothing
 * fetched from elsewhere. The page itself needs no token; every call it makes to the API does. The
 * content security policy allows only this origin, so an incident's text can never run as script.
 */
@Path("/")
public class ConsoleResource {
  private static final Map<String, String> FILES = Map.of(
      "index.html", "text/html; charset=utf-8",
      "app.js", "text/javascript; charset=utf-8",
      "app.css", "text/css; charset=utf-8");
  private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
      + " connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

  @GET
  public Response index() {
    return file("index.html");
  }

  @GET
  @Path("console/{name}")
  public Response asset(@PathParam("name") String name) {
    if (!FILES.containsKey(name) || name.equals("index.html")) throw new ApiException(404, "no such console file");
    return file(name);
  }

  private static Response file(String name) {
    byte[] bytes;
    try (InputStream in = ConsoleResource.class.getResourceAsStream("/console/" + name)) {
      if (in == null) throw new ApiException(404, "console file " + name + " is missing from the build");
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Response.ok(bytes, FILES.get(name))
        .header("Content-Security-Policy", CSP)
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer")
        .header("Cache-Control", "no-cache")
        .build();
  }
}
