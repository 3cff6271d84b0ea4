package io.chengis.docker.internal;

import io.chengis.api.ImageReference;
import io.chengis.api.PluginException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The part of a Compose file a Compose step needs: for each service its image, environment,
 * volumes, working directory, user, command and the services it depends on. Keys that only matter
 * to a long-running deployment ({@code ports}, {@code restart}, ...) are ignored; keys that would
 * change what runs and are not supported ({@code build}, {@code entrypoint}, ...) are an error.
 *
 * @param path the file
 * @param services the services by name, in file order
 */
public record ComposeFile(Path path, Map<String, Service> services) {
  private static final Set<String> SUPPORTED =
      Set.of("image", "environment", "volumes", "working_dir", "depends_on", "command", "user");
  private static final Set<String> IGNORED =
      Set.of(
          "ports",
          "expose",
          "restart",
          "container_name",
          "healthcheck",
          "networks",
          "labels",
          "logging",
          "stop_grace_period",
          "hostname",
          "deploy");

  /**
   * One service.
   *
   * @param name its name, also its host name on the step's network
   * @param image the image reference
   * @param environment variables, in order
   * @param volumes {@code source:target[:ro|rw]}: a source starting with {@code .} or {@code /} is
   *     a host path (relative to the file's directory), otherwise a named volume
   * @param workingDir the working directory, if set
   * @param user the user, if set
   * @param command the command as arguments (a string is split on whitespace, as Compose does
   *     without a shell); empty for the image's default
   * @param dependsOn the services started before it, in order
   */
  public record Service(
      String name,
      String image,
      Map<String, String> environment,
      List<String> volumes,
      Optional<String> workingDir,
      Optional<String> user,
      List<String> command,
      List<String> dependsOn) {}

  /**
   * Reads and checks a Compose file.
   *
   * @param path the file
   * @return the file's services
   * @throws PluginException naming the file, the service and the key when something is wrong
   */
  public static ComposeFile read(Path path) {
    Object root;
    try {
      root =
          new Load(LoadSettings.builder().setLabel(path.toString()).build())
              .loadFromString(Files.readString(path));
    } catch (IOException unreadable) {
      throw new PluginException(
          path + ": cannot read the Compose file: " + unreadable.getMessage());
    } catch (YamlEngineException broken) {
      throw new PluginException(
          path + ": the Compose file is not valid YAML: " + broken.getMessage());
    }
    if (!(root instanceof Map<?, ?> top) || !(top.get("services") instanceof Map<?, ?> services)) {
      throw new PluginException(
          path
              + ": the Compose file has no services mapping; add services: with at least one service");
    }
    Map<String, Service> result = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : services.entrySet()) {
      String name = String.valueOf(entry.getKey());
      result.put(name, service(path, name, entry.getValue()));
    }
    for (Service service : result.values()) {
      for (String dependency : service.dependsOn()) {
        if (!result.containsKey(dependency)) {
          throw new PluginException(
              path
                  + ": service \""
                  + service.name()
                  + "\" depends on unknown service \""
                  + dependency
                  + "\"; declare it (services: "
                  + result.keySet()
                  + ")");
        }
      }
    }
    return new ComposeFile(path, result);
  }

  private static Service service(Path path, String name, Object value) {
    String where = path + ": service \"" + name + "\"";
    if (!name.matches("[a-z0-9][a-z0-9_-]{0,62}")) {
      throw new PluginException(
          where
              + " name is not a valid host name (was \""
              + name
              + "\"); use lower-case letters,"
              + " digits, '_' and '-'");
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new PluginException(where + " is not a mapping (was " + value + "); give it an image");
    }
    for (Object key : map.keySet()) {
      String k = String.valueOf(key);
      if (!SUPPORTED.contains(k) && !IGNORED.contains(k)) {
        throw new PluginException(
            where
                + " key \""
                + k
                + "\" is not supported by Compose steps; use only "
                + new java.util.TreeSet<>(SUPPORTED)
                + " (ignored: "
                + new java.util.TreeSet<>(IGNORED)
                + ")");
      }
    }
    if (!(map.get("image") instanceof String image)) {
      throw new PluginException(
          where
              + " has no image (was "
              + map.get("image")
              + "); Compose steps run images, they do"
              + " not build them: give image: name:tag");
    }
    ImageReference.problem(image)
        .ifPresent(
            problem -> {
              throw new PluginException(
                  where
                      + " image "
                      + problem
                      + " (was \""
                      + image
                      + "\"); use a reference such as \"postgres:17\"");
            });
    return new Service(
        name,
        image,
        environment(where, map.get("environment")),
        strings(where, "volumes", map.get("volumes")),
        text(where, "working_dir", map.get("working_dir")),
        text(where, "user", map.get("user")),
        command(where, map.get("command")),
        dependsOn(where, map.get("depends_on")));
  }

  private static Map<String, String> environment(String where, Object value) {
    Map<String, String> env = new LinkedHashMap<>();
    if (value == null) {
      return env;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> env.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
    } else if (value instanceof List<?> list) {
      for (Object item : list) {
        String text = String.valueOf(item);
        int equals = text.indexOf('=');
        env.put(
            equals < 0 ? text : text.substring(0, equals),
            equals < 0 ? "" : text.substring(equals + 1));
      }
    } else {
      throw new PluginException(
          where
              + " environment is neither a mapping nor a list (was "
              + value
              + "); write KEY: value lines");
    }
    for (String key : env.keySet()) {
      if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new PluginException(
            where
                + " environment variable name is invalid (was \""
                + key
                + "\"); use letters, digits and '_'");
      }
    }
    return env;
  }

  private static List<String> strings(String where, String key, Object value) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new PluginException(
          where + " " + key + " is not a list (was " + value + "); write one item per line");
    }
    List<String> items = new ArrayList<>();
    for (Object item : list) {
      if (!(item instanceof String text)) {
        throw new PluginException(
            where
                + " "
                + key
                + " item is not a string (was "
                + item
                + "); use the short syntax source:target[:ro]");
      }
      items.add(text);
    }
    return items;
  }

  private static Optional<String> text(String where, String key, Object value) {
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof String || value instanceof Number) {
      return Optional.of(String.valueOf(value));
    }
    throw new PluginException(
        where + " " + key + " is not a string (was " + value + "); give one value");
  }

  private static List<String> command(String where, Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof String text) {
      return List.of(text.trim().split("\\s+"));
    }
    return strings(where, "command", value);
  }

  private static List<String> dependsOn(String where, Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof Map<?, ?> map) {
      return map.keySet().stream().map(String::valueOf).toList();
    }
    return strings(where, "depends_on", value);
  }

  /**
   * The services a service needs, dependencies before dependents, without the service itself.
   *
   * @param target the service a step runs in
   * @return the services to start first, in start order
   * @throws PluginException when the service is unknown or the dependencies form a cycle
   */
  public List<Service> dependenciesOf(String target) {
    if (!services.containsKey(target)) {
      throw new PluginException(
          path
              + ": the Compose step names service \""
              + target
              + "\", which the file does not declare"
              + " (services: "
              + services.keySet()
              + "); name one of them");
    }
    List<Service> order = new ArrayList<>();
    visit(target, new LinkedHashSet<>(), new LinkedHashSet<>(), order);
    order.removeIf(service -> service.name().equals(target));
    return order;
  }

  private void visit(String name, Set<String> path, Set<String> done, List<Service> order) {
    if (done.contains(name)) {
      return;
    }
    if (!path.add(name)) {
      List<String> cycle = new ArrayList<>(path);
      cycle = cycle.subList(cycle.indexOf(name), cycle.size());
      cycle.add(name);
      throw new PluginException(
          this.path
              + ": services depend on each other in a cycle "
              + String.join(" -> ", cycle)
              + "; remove one of these depends_on entries");
    }
    for (String dependency : services.get(name).dependsOn()) {
      visit(dependency, path, done, order);
    }
    path.remove(name);
    done.add(name);
    order.add(services.get(name));
  }
}
