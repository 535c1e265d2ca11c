package io.drover.common.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Scratch dirs under the module's {@code target/}, never /tmp. */
public final class TestDirs {
  private TestDirs() {}

  /** The module's build dir (Maven runs tests with the module as working dir). */
  public static Path target() {
    return Paths.get("target").toAbsolutePath();
  }

  /** A fresh, empty dir {@code target/test-work/<name>-<n>}. */
  public static Path fresh(String name) throws IOException {
    Path base = target().resolve("test-work");
    Files.createDirectories(base);
    return Files.createTempDirectory(base, name + "-");
  }
}
