package io.drover.common.cli;

import java.util.List;
import org.apache.commons.cli.AlreadySelectedException;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

/** Command-line parsing on commons-cli with messages that name the flag and the value. */
public final class Flags {
  private static final String OVERWRITE = "overwrite";

  private final CommandLine line;
  private final String overwriteValue;

  private Flags(CommandLine line, String overwriteValue) {
    this.line = line;
    this.overwriteValue = overwriteValue;
  }

  /**
   * Parses {@code args}; flags may come before, between or after the positional arguments. A
   * program with an {@code --overwrite} flag also takes {@code --overwrite=force} ({@link
   * #overwrite}).
   */
  public static Flags parse(Options options, String[] args) throws UsageException {
    String overwriteValue = null;
    if (options.hasLongOption(OVERWRITE)) {
      args = args.clone();
      String prefix = "--" + OVERWRITE + "=";
      for (int i = 0; i < args.length && !args[i].equals("--"); i++) {
        if (args[i].startsWith(prefix)) {
          overwriteValue = args[i].substring(prefix.length());
          args[i] = "--" + OVERWRITE;
        }
      }
    }
    Overwrite.of(overwriteValue != null, overwriteValue, "--" + OVERWRITE); // checks the value
    try {
      return new Flags(
          DefaultParser.builder().build().parse(options, args, false), overwriteValue);
    } catch (UnrecognizedOptionException e) {
      String flag = e.getOption();
      String hint =
          List.of("-D", "-conf", "-files", "-libjars", "-archives", "-fs", "-jt").contains(flag)
                  || flag.startsWith("-D")
              ? " (generic options such as " + flag + " go before the program's own options)"
              : "";
      throw new UsageException("unknown option " + flag + hint);
    } catch (MissingArgumentException e) {
      throw new UsageException("option --" + e.getOption().getLongOpt() + " needs a value");
    } catch (AlreadySelectedException e) {
      throw new UsageException(e.getMessage());
    } catch (ParseException e) {
      throw new UsageException(e.getMessage());
    }
  }

  public boolean has(String longOpt) {
    return line.hasOption(longOpt);
  }

  /** {@code --overwrite} (a job output may be replaced) or {@code --overwrite=force} (anything). */
  public Overwrite overwrite() throws UsageException {
    return Overwrite.of(line.hasOption(OVERWRITE), overwriteValue, "--" + OVERWRITE);
  }

  public String get(String longOpt, String dflt) {
    return line.getOptionValue(longOpt, dflt);
  }

  /** Every value of a flag given several times, in order (empty when absent). */
  public List<String> all(String longOpt) {
    String[] v = line.getOptionValues(longOpt);
    return v == null ? List.of() : List.of(v);
  }

  public List<String> positional() {
    return line.getArgList();
  }

  /**
   * The positional arguments of a program that reads {@code <input>... <output>}: at least one
   * input, then the output; the message says which is missing.
   */
  public List<String> inputsThenOutput() throws UsageException {
    List<String> pos = positional();
    if (pos.size() < 2) {
      throw new UsageException(pos.isEmpty() ? "missing <input> and <output>"
          : "missing <output> after the input " + pos.get(0));
    }
    return pos;
  }

  /** An integer flag that must be at least {@code min}; the message names flag and value. */
  public int intAtLeast(String longOpt, int dflt, int min) throws UsageException {
    String v = line.getOptionValue(longOpt);
    if (v == null) {
      return dflt;
    }
    int n;
    try {
      n = Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new UsageException("option --" + longOpt + ": '" + v + "' is not a whole number");
    }
    if (n < min) {
      throw new UsageException("option --" + longOpt + ": " + n + " is below the minimum " + min);
    }
    return n;
  }

  /** A finite decimal flag that must be at least {@code min}; the message names flag and value. */
  public double doubleAtLeast(String longOpt, double dflt, double min) throws UsageException {
    String v = line.getOptionValue(longOpt);
    if (v == null) {
      return dflt;
    }
    double d;
    try {
      d = Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new UsageException("option --" + longOpt + ": '" + v + "' is not a number");
    }
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new UsageException("option --" + longOpt + ": '" + v + "' is not a finite number");
    }
    if (d < min) {
      throw new UsageException("option --" + longOpt + ": " + v + " is below the minimum " + min);
    }
    return d;
  }
}
