package io.drover.streaming.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChildTest {
  private final AtomicInteger progress = new AtomicInteger();
  private final List<String> counters = new ArrayList<>();

  private Child.Feedback feedback() {
    return new Child.Feedback() {
      @Override
      public void counter(String g, String c, long n) {
        counters.add(g + "/" + c + "=" + n);
      }

      @Override
      public void status(String m) {}

      @Override
      public void progress() {
        progress.incrementAndGet();
      }

      @Override
      public void malformed(String w) {}
    };
  }

  private Child start(String cmd, long keepaliveMs, List<String> lines) throws Exception {
    PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return Child.start(cmd, List.of("sh", "-c", cmd), System.getenv(),
        (b, len) -> lines.add(new String(b, 0, len, StandardCharsets.UTF_8)), feedback(),
        new Child.Settings("reporter:", keepaliveMs, 5, -1, err));
  }

  @Test
  void keepaliveReportsProgressWhileASilentCommandRuns() throws Exception {
    Child c = start("sleep 1", 50, new ArrayList<>());
    assertEquals(0, c.finish());
    assertTrue(progress.get() >= 5, "progress calls: " + progress.get());
    progress.set(0);
    Child quiet = start("sleep 0.3", 0, new ArrayList<>());
    assertEquals(0, quiet.finish());
    assertEquals(0, progress.get(), "no keepalive when disabled");
  }

  @Test
  void splitsOutputLikeLineReaderAndKeepsStderrTail() throws Exception {
    List<String> lines = new ArrayList<>();
    Child c = start("printf 'a\\r\\nb\\rc\\n\\nd'; for i in 1 2 3 4 5 6 7; do echo e$i >&2; done;"
        + " echo reporter:counter:G,C,4 >&2", 0, lines);
    assertEquals(0, c.finish());
    assertEquals(List.of("a", "b", "c", "", "d"), lines);
    assertEquals(List.of("e3", "e4", "e5", "e6", "e7"), c.stderrTail());
    assertEquals(List.of("G/C=4"), counters);
  }

  @Test
  void abortEndsTheCommandAndWhatItStarted() throws Exception {
    Child c = start("sleep 60 & sleep 60; wait", 0, new ArrayList<>());
    ProcessHandle self = ProcessHandle.current();
    List<ProcessHandle> family = new ArrayList<>();
    // wait until the shell has forked both sleeps (bounded, event-driven poll on the OS state)
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      family.clear();
      self.descendants().filter(p -> p.info().command().map(s -> s.endsWith("sleep"))
          .orElse(false)).forEach(family::add);
      if (family.size() >= 2) {
        break;
      }
      Thread.onSpinWait();
    }
    assertEquals(2, family.size(), "two sleeps started");
    c.abort();
    for (ProcessHandle p : family) {
      p.onExit().get(10, TimeUnit.SECONDS);
      assertFalse(p.isAlive());
    }
  }

  @Test
  void environmentIsExactlyWhatWasGiven() throws Exception {
    List<String> lines = new ArrayList<>();
    Child c = Child.start("env", List.of("/usr/bin/env"), Map.of("ONLY", "this"),
        (b, len) -> lines.add(new String(b, 0, len, StandardCharsets.UTF_8)), feedback(),
        new Child.Settings("reporter:", 0, 5, -1, System.err));
    assertEquals(0, c.finish());
    assertEquals(List.of("ONLY=this"), lines);
  }

  @Test
  void aPreparedEnvironmentServesManyStartsAndTakesChangesForTheNextOnes() throws Exception {
    Child.Env env = new Child.Env(Map.of("ONLY", "this", "FILE", "a"));
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    Child.Settings s = new Child.Settings("reporter:", 0, 5, -1, System.err);
    Child c1 = Child.start("env", List.of("/usr/bin/env"), env,
        (b, len) -> first.add(new String(b, 0, len, StandardCharsets.UTF_8)), feedback(), s);
    assertEquals(0, c1.finish());
    env.put("FILE", "b");
    Child c2 = Child.start("env", List.of("/usr/bin/env"), env,
        (b, len) -> second.add(new String(b, 0, len, StandardCharsets.UTF_8)), feedback(), s);
    assertEquals(0, c2.finish());
    assertEquals(List.of("FILE=a", "ONLY=this"), first.stream().sorted().toList());
    assertEquals(List.of("FILE=b", "ONLY=this"), second.stream().sorted().toList());
  }

  @Test
  void stderrIsForwardedUpToItsCapThenSaysSoOnceAndTheTailKeepsGoing() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Child c = Child.start("flood", List.of("sh", "-c", "for i in $(seq 1 2000); do echo n$i >&2; done"),
        System.getenv(), (b, len) -> { }, feedback(), new Child.Settings("reporter:", 0, 2, 3, err));
    assertEquals(0, c.finish());
    assertEquals(List.of("n1", "n2", "n3", "drover streaming: further stderr lines of 'flood' are"
        + " not forwarded (drover.streaming.stderr.max-lines=3)"),
        bytes.toString(StandardCharsets.UTF_8).lines().toList());
    assertEquals(List.of("n1999", "n2000"), c.stderrTail());
  }
}
