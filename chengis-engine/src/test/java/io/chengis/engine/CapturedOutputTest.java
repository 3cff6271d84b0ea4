package io.chengis.engine;

import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.Conclusion;
import io.chengis.api.LogLine;
import io.chengis.api.OrgId;
import io.chengis.api.Pipeline;
import io.chengis.api.spi.BuildRef;
import io.chengis.api.spi.LogKey;
import io.chengis.api.spi.LogRead;
import io.chengis.dsl.Chengis;
import io.chengis.engine.memory.InMemoryLogStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Captured output on the real engine, from the process's bytes to the packed in-memory log store:
 * plain ASCII reads and reads with other characters, malformed UTF-8, every terminator and lines
 * cut at 64 KiB come back as the lines the output holds.
 */
class CapturedOutputTest {
  @TempDir Path root;
  private EngineFixture fixture;

  @AfterEach
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void step_mixedOutput_reachesEventsAndLogStoreLineForLine() throws Exception {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      String line = i % 700 == 0 ? i + " caf\u00e9 \u4e2d\u6587 \ud83d\ude00" : i + " plain text";
      output.writeBytes(line.getBytes(StandardCharsets.UTF_8));
      output.writeBytes(
          i % 3 == 0
              ? new byte[] {'\r', '\n'}
              : i % 5 == 0
                  ? "\r".getBytes(StandardCharsets.UTF_8)
                  : "\n".getBytes(StandardCharsets.UTF_8));
      expected.add(line);
    }
    output.writeBytes(new byte[] {'b', 'a', 'd', (byte) 0xFF, (byte) 0xC3, '\n'});
    expected.add("bad\ufffd\ufffd");
    output.writeBytes(new byte[] {'o', 'k', '\n'});
    expected.add("ok");
    output.writeBytes(("a".repeat(70_000) + "\n").getBytes(StandardCharsets.UTF_8));
    expected.add("a".repeat(65_536));
    expected.add("a".repeat(70_000 - 65_536));
    output.writeBytes(("\u00e9".repeat(40_000) + "\n").getBytes(StandardCharsets.UTF_8));
    expected.add("\u00e9".repeat(32_768));
    expected.add("\u00e9".repeat(40_000 - 32_768));
    output.writeBytes("last, without terminator".getBytes(StandardCharsets.UTF_8));
    expected.add("last, without terminator");
    Path file = root.resolve("output.bin");
    Files.write(file, output.toByteArray());
    InMemoryLogStore logs = new InMemoryLogStore();
    fixture = new EngineFixture(root.resolve("ws"), ChengisEngine.builder().logStore(logs));
    Pipeline pipeline =
        Chengis.pipeline(
            "output", p -> p.stage("print", s -> s.step("cat", shell("cat '" + file + "'"))));

    EngineFixture.Run run = fixture.run(pipeline);

    assertThat(run.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(run.log("print", "cat")).isEqualTo(expected);
    List<LogLine> stored =
        logs.read(
                new LogRead(
                    new LogKey(new BuildRef(OrgId.DEFAULT, run.handle().id()), "print", "cat"),
                    0,
                    100_000))
            .lines();
    assertThat(stored).extracting(LogLine::text).isEqualTo(expected);
  }
}
