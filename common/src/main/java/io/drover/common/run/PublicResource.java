package io.drover.common.run;

import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The pure rules of a shared job jar: its content address, and whether YARN will accept it as a
 * PUBLIC resource (localized once per NodeManager and kept across applications and users).
 *
 * <p>YARN's rule (the NodeManager's {@code FSDownload.isPublic}, which fails the localization of a
 * PUBLIC resource that breaks it): the file is readable by others, and every directory above it,
 * up to the root, lets others pass ({@code o+x}).
 */
public final class PublicResource {
  /** Others' read bit of a POSIX mode. */
  static final int OTHER_READ = 04;
  /** Others' execute (traverse) bit of a POSIX mode. */
  static final int OTHER_EXECUTE = 01;

  private PublicResource() {}

  /** A directory above the file, by its path, with its POSIX mode (e.g. 0755). */
  public record Ancestor(String path, int mode) {}

  /** The file name of a jar whose SHA-256 digest is {@code sha256}: {@code <64 hex digits>.jar}. */
  public static String jarName(byte[] sha256) {
    if (sha256.length != 32) {
      throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, not " + sha256.length);
    }
    return HexFormat.of().formatHex(sha256) + ".jar";
  }

  /**
   * Why a file of mode {@code fileMode} under {@code ancestors} (any order) is not public, or
   * null when it is: the first rule it breaks, naming the file or directory.
   */
  public static String notPublicBecause(String file, int fileMode, List<Ancestor> ancestors) {
    if ((fileMode & OTHER_READ) == 0) {
      return file + " is not readable by others (mode " + octal(fileMode) + ")";
    }
    for (Ancestor a : ancestors) {
      if ((a.mode() & OTHER_EXECUTE) == 0) {
        return a.path() + " is not searchable by others (mode " + octal(a.mode()) + ")";
      }
    }
    return null;
  }

  static String octal(int mode) {
    return String.format(Locale.ROOT, "%04o", mode & 07777);
  }
}
