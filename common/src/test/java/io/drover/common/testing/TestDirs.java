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

  /**
   * Every file and dir under {@code dir} (hidden ones too) by its path relative to it, with its
   * content's SHA-256 ("dir" for a dir): equal before and after means nothing written or lost.
   */
  public static java.util.Map<String, String> digests(Path dir) throws Exception {
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
    try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted().toList()) {
        out.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "dir"
            : java.util.HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p))));
      }
    }
    return out;
  }
}
