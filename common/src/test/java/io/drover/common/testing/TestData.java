package io.drover.common.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * The real data the tests read: small bzip2-compressed slices kept in the repo under
 * {@code testdata/} (see {@code testdata/README.md} for sources, licences and reference figures).
 * Tests never read anything outside the clone.
 *
 * <p>{@link #path} gives a plain (decompressed) copy under the module's {@code target/testdata/},
 * made on first use; {@link #compressed} gives the committed {@code .bz2} itself, for tests of
 * compressed input. Maven passes the folder as {@code drover.testdata.dir}; outside Maven the
 * working dir and its parents are searched for {@code testdata/README.md}.
 */
public final class TestData {
  private static final String EXT = ".bz2";

  private TestData() {}

  /** The repo's {@code testdata/} folder. */
  public static Path root() {
    String prop = System.getProperty("drover.testdata.dir");
    if (prop != null && Files.isRegularFile(Paths.get(prop, "README.md"))) {
      return Paths.get(prop).toAbsolutePath().normalize();
    }
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("testdata").resolve("README.md"))) {
        return p.resolve("testdata");
      }
    }
    throw new IllegalStateException("testdata/ not found (drover.testdata.dir=" + prop
        + ", cwd=" + Paths.get("").toAbsolutePath() + "): run the tests from the project clone");
  }

  /**
   * A plain copy of a committed file or folder, e.g. {@code events/apache_logs} (from {@code
   * testdata/events/apache_logs.bz2}) or {@code text/gutenberg} (every file under it, decompressed,
   * same layout).
   */
  public static synchronized Path path(String relative) {
    Path src = root().resolve(relative);
    Path dst = TestDirs.target().resolve("testdata").resolve(relative);
    try {
      if (Files.isDirectory(src)) {
        List<Path> files;
        try (Stream<Path> s = Files.walk(src)) {
          files = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
          String rel = src.relativize(f).toString();
          unpack(f, dst.resolve(rel.endsWith(EXT) ? rel.substring(0, rel.length() - 4) : rel));
        }
        return dst;
      }
      Path packed = src.resolveSibling(src.getFileName() + EXT);
      if (!Files.isRegularFile(packed)) {
        throw new IllegalStateException("no test data " + packed + " (see testdata/README.md)");
      }
      unpack(packed, dst);
      return dst;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The committed {@code .bz2} of a file, e.g. {@code events/flights-200k.csv}. */
  public static Path compressed(String relative) {
    Path packed = root().resolve(relative + EXT);
    if (!Files.isRegularFile(packed)) {
      throw new IllegalStateException("no test data " + packed + " (see testdata/README.md)");
    }
    return packed;
  }

  private static void unpack(Path src, Path dst) throws IOException {
    if (Files.isRegularFile(dst) && Files.getLastModifiedTime(dst).compareTo(
        Files.getLastModifiedTime(src)) >= 0) {
      return;
    }
    Files.createDirectories(dst.getParent());
    Path tmp = Files.createTempFile(dst.getParent(), "." + dst.getFileName(), ".part");
    try (InputStream in = src.toString().endsWith(EXT)
        ? new BZip2CompressorInputStream(Files.newInputStream(src), true)
        : Files.newInputStream(src)) {
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
    }
    Files.move(tmp, dst, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
