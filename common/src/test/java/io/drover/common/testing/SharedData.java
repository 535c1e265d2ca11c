package io.drover.common.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds the real data in {@code ../shared/data} (beside the project root). Tests read it there and
 * never copy it into the repo. Maven passes the location as {@code drover.shared.dir}; outside
 * Maven the parents of the working dir are searched.
 */
public final class SharedData {
  private SharedData() {}

  /** The {@code shared/data} dir; fails loudly when it is missing. */
  public static Path root() {
    String prop = System.getProperty("drover.shared.dir");
    if (prop != null && Files.isDirectory(Paths.get(prop, "data"))) {
      return Paths.get(prop, "data").toAbsolutePath().normalize();
    }
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolveSibling("shared").resolve("data");
      if (Files.isDirectory(candidate)) {
        return candidate.normalize();
      }
    }
    throw new IllegalStateException(
        "../shared/data not found (drover.shared.dir=" + prop + ", cwd=" + new File("").getAbsolutePath()
            + "): tests need the shared data beside the project root");
  }

  /** A file or dir under {@code shared/data}, e.g. {@code text/gutenberg-small}. */
  public static Path path(String relative) {
    Path p = root().resolve(relative);
    if (!Files.exists(p)) {
      throw new IllegalStateException("shared data missing: " + p);
    }
    return p;
  }
}
