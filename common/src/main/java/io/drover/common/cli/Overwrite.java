package io.drover.common.cli;

/**
 * What {@code --overwrite} allows: nothing (flag absent), replacing a previous job output
 * ({@code --overwrite}), or replacing any directory ({@code --overwrite=force}).
 */
public enum Overwrite {
  /** The output must not exist. */
  NO,
  /** An existing output is replaced when it is empty or a job's output. */
  JOB_OUTPUT,
  /** An existing directory is replaced whatever it holds. */
  FORCE;

  /** The only value {@code --overwrite=VALUE} takes. */
  public static final String FORCE_VALUE = "force";

  /** True unless {@link #NO}. */
  public boolean allowed() {
    return this != NO;
  }

  /**
   * The mode a flag asks for: {@code present} whether it was given, {@code value} what followed
   * {@code =} (null when nothing did).
   *
   * @throws UsageException a value other than {@code force}
   */
  public static Overwrite of(boolean present, String value, String flag) throws UsageException {
    if (!present) {
      return NO;
    }
    if (value == null) {
      return JOB_OUTPUT;
    }
    if (value.equals(FORCE_VALUE)) {
      return FORCE;
    }
    throw new UsageException("option " + flag + "='" + value + "': the only value it takes is "
        + FORCE_VALUE + " (" + flag + " replaces a previous job output, " + flag + "="
        + FORCE_VALUE + " any directory)");
  }
}
