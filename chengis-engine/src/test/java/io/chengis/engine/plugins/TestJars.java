package io.chengis.engine.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.spi.NotifierProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Compiles real plugin jars with the JDK's compiler, for the external plugin tests. */
final class TestJars {
  private TestJars() {}

  /**
   * A jar with one notifier provider {@code ext.Probe} of the given type, whose notifier records
   * its class loader's name in the system property {@code chengis.probe.<type>}.
   */
  static Path notifierJar(Path work, String type, String version) throws Exception {
    String source =
        """
        package ext;

        import io.chengis.api.spi.Notifier;
        import io.chengis.api.spi.NotifierProvider;
        import io.chengis.api.spi.ProviderContext;

        public final class Probe implements NotifierProvider {
          public Probe() {}

          @Override
          public String type() {
            return "%s";
          }

          @Override
          public Notifier create(ProviderContext context) {
            return request -> System.setProperty(
                "chengis.probe.%s", Probe.class.getClassLoader().getName());
          }
        }
        """
            .formatted(type, type);
    Path src = Files.createDirectories(work.resolve(type + "-src/ext"));
    Files.writeString(src.resolve("Probe.java"), source);
    Path classes = Files.createDirectories(work.resolve(type + "-classes"));
    // Reflection, because the test sources compile inside the engine's module, which does not read
    // java.compiler; the tests themselves run on the class path.
    Object javac =
        Class.forName("javax.tools.ToolProvider").getMethod("getSystemJavaCompiler").invoke(null);
    java.lang.reflect.Method run =
        Class.forName("javax.tools.Tool")
            .getMethod(
                "run",
                java.io.InputStream.class,
                java.io.OutputStream.class,
                java.io.OutputStream.class,
                String[].class);
    int status =
        (int)
            run.invoke(
                javac,
                null,
                null,
                null,
                new String[] {
                  "-d",
                  classes.toString(),
                  "-cp",
                  apiLocation().toString(),
                  src.resolve("Probe.java").toString()
                });
    assertThat(status).as("javac exit status").isZero();
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
    Path jar = work.resolve("plugins").resolve(type + ".jar");
    Files.createDirectories(jar.getParent());
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      add(out, "ext/Probe.class", Files.readAllBytes(classes.resolve("ext/Probe.class")));
      add(
          out,
          "META-INF/services/" + NotifierProvider.class.getName(),
          "ext.Probe\n".getBytes(StandardCharsets.UTF_8));
    }
    return jar;
  }

  static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }

  private static void add(JarOutputStream out, String name, byte[] bytes) throws IOException {
    out.putNextEntry(new JarEntry(name));
    ((OutputStream) out).write(bytes);
    out.closeEntry();
  }

  private static Path apiLocation() throws URISyntaxException {
    return Path.of(
        NotifierProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
