package io.drover.common.iterate;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Checkpoints under {@code <root>/iter-NNNNN/}: {@code state.bin} (the state, big-endian doubles
 * after an int length), {@code metrics} (this iteration's {@link IterationMetrics} line), {@code
 * history} (the lines of every iteration up to this one, so pruning old checkpoints loses no
 * history) and {@code _SUCCESS}. Each is written into {@code <root>/.staging-iter-NNNNN}, marked,
 * then renamed into place, so a reader never sees a half-written checkpoint; a dir without {@code
 * _SUCCESS} is ignored. A state that is a dataset (a rank per vertex) is moved into the
 * checkpoint as {@code data/} before the mark, so it is committed with the rest.
 */
public final class CheckpointStore {
  public static final String STATE = "state.bin";
  public static final String METRICS = "metrics";
  public static final String HISTORY = "history";
  public static final String SUCCESS = "_SUCCESS";
  public static final String DATA = "data";

  private final FileSystem fs;
  private final Path root;

  public CheckpointStore(FileSystem fs, Path root) {
    this.fs = fs;
    this.root = root;
  }

  public Path root() {
    return root;
  }

  public Path dir(int iteration) {
    return new Path(root, CheckpointPlan.dirName(iteration));
  }

  /** Where iteration {@code i}'s state file is once committed. */
  public Path stateFile(int iteration) {
    return new Path(dir(iteration), STATE);
  }

  /** Where iteration {@code i}'s dataset state is once committed (absent for a vector state). */
  public Path dataDir(int iteration) {
    return new Path(dir(iteration), DATA);
  }

  /** The plan of what is there now. */
  public CheckpointPlan plan() throws IOException {
    Map<String, Boolean> dirs = new LinkedHashMap<>();
    if (fs.exists(root)) {
      for (FileStatus st : fs.listStatus(root)) {
        if (st.isDirectory()) {
          dirs.put(st.getPath().getName(), fs.exists(new Path(st.getPath(), SUCCESS)));
        }
      }
    }
    return new CheckpointPlan(dirs);
  }

  /**
   * Commits iteration {@code i}: stage, mark, rename. Extra metric columns are written in {@code
   * extraOrder}. An older dir of the same name (left by a rollback) is replaced.
   */
  public void commit(int i, double[] state, List<IterationMetrics> history, List<String> extraOrder)
      throws IOException {
    commit(i, state, null, history, extraOrder);
  }

  /**
   * As {@link #commit(int, double[], List, List)}, moving the dataset at {@code dataset} (if not
   * null; on this store's file system) into the checkpoint as {@link #DATA}.
   */
  public void commit(
      int i, double[] state, Path dataset, List<IterationMetrics> history, List<String> extraOrder)
      throws IOException {
    fs.mkdirs(root);
    Path staging = new Path(root, ".staging-" + CheckpointPlan.dirName(i));
    if (fs.exists(staging)) {
      fs.delete(staging, true);
    }
    fs.mkdirs(staging);
    try (FSDataOutputStream out = fs.create(new Path(staging, STATE), false)) {
      writeState(out, state);
    }
    if (!history.isEmpty()) {
      IterationMetrics last = history.get(history.size() - 1);
      try (FSDataOutputStream out = fs.create(new Path(staging, METRICS), false)) {
        out.write((last.format(extraOrder) + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    StringBuilder lines = new StringBuilder();
    for (IterationMetrics m : history) {
      lines.append(m.format(extraOrder)).append('\n');
    }
    try (FSDataOutputStream out = fs.create(new Path(staging, HISTORY), false)) {
      out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
    }
    if (dataset != null && !fs.rename(dataset, new Path(staging, DATA))) {
      throw new IOException("could not move the state dataset " + dataset + " into " + staging);
    }
    fs.create(new Path(staging, SUCCESS), false).close();
    Path dir = dir(i);
    if (fs.exists(dir) && !fs.delete(dir, true)) {
      throw new IOException("could not replace the old checkpoint " + dir);
    }
    if (!fs.rename(staging, dir)) {
      throw new IOException("could not rename " + staging + " to " + dir);
    }
  }

  /** Reads committed iteration {@code i}: its state and the history up to it. */
  public Checkpoint read(int i) throws IOException {
    Path dir = dir(i);
    if (!fs.exists(new Path(dir, SUCCESS))) {
      throw new FileNotFoundException("checkpoint " + dir + " is not committed (no _SUCCESS)");
    }
    double[] state;
    try (FSDataInputStream in = fs.open(new Path(dir, STATE))) {
      state = readState(in, new Path(dir, STATE).toString());
    }
    List<IterationMetrics> history = new ArrayList<>();
    Path hf = new Path(dir, HISTORY);
    try (FSDataInputStream in = fs.open(hf)) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          history.add(IterationMetrics.parse(line, hf.toString()));
        }
      }
    }
    return new Checkpoint(i, state, history);
  }

  /** The newest committed checkpoint, if any. */
  public OptionalInt latest() throws IOException {
    return plan().latestCommitted();
  }

  /** Removes what {@link CheckpointPlan#toPrune} names. */
  public void prune(int keep) throws IOException {
    for (int i : plan().toPrune(keep)) {
      fs.delete(dir(i), true);
    }
  }

  /** Removes every checkpoint newer than {@code iteration}, newest first. */
  public void dropAfter(int iteration) throws IOException {
    for (int i : plan().after(iteration)) {
      fs.delete(dir(i), true);
    }
  }

  public static void writeState(java.io.OutputStream raw, double[] state) throws IOException {
    DataOutputStream out = new DataOutputStream(raw);
    out.writeInt(state.length);
    for (double v : state) {
      out.writeDouble(v);
    }
    out.flush();
  }

  /** Reads one state from {@code raw}, no byte further (so several can follow each other). */
  public static double[] readState(java.io.InputStream raw, String where) throws IOException {
    DataInputStream in = raw instanceof DataInputStream d ? d : new DataInputStream(raw);
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("corrupt state file " + where + ": length " + n);
    }
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = in.readDouble();
    }
    return s;
  }

  /**
   * Reads a state file anywhere on {@code fs} (tasks use this on the checkpoint they are given).
   */
  public static double[] readState(FileSystem fs, Path file) throws IOException {
    try (FSDataInputStream in = fs.open(file)) {
      return readState(in, file.toString());
    }
  }
}
