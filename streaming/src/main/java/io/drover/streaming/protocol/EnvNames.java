package io.drover.streaming.protocol;

/** Job configuration names as environment variable names, as Hadoop Streaming exports them. */
public final class EnvNames {
  private EnvNames() {}

  /** Every character other than ASCII letters and digits becomes {@code _}. */
  public static String safe(String name) {
    StringBuilder b = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
      b.append(ok ? c : '_');
    }
    return b.toString();
  }
}
