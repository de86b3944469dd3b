package io.swarmrtc.peer.internal.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {
  /** A pool that runs nothing until told to: the test decides when "pool threads" run. */
  private static final class ManualPool implements Executor {
    final ArrayDeque<Runnable> submitted = new ArrayDeque<>();

    @Override
    public void execute(Runnable r) {
      submitted.add(r);
    }

    void runAll() {
      for (Runnable r; (r = submitted.poll()) != null; ) {
        r.run();
      }
    }
  }

  @Test
  void executeHereRunsOnTheCallingThreadWhenIdle() {
    ManualPool pool = new ManualPool();
    SerialExecutor serial = new SerialExecutor(pool);
    List<Thread> ranOn = new ArrayList<>();

    serial.executeHere(() -> ranOn.add(Thread.currentThread()));

    assertEquals(List.of(Thread.currentThread()), ranOn);
    assertEquals(0, pool.submitted.size(), "nothing was handed to the pool");
  }

  @Test
  void executeHereQueuesBehindPendingTasksAndKeepsTheirOrder() {
    ManualPool pool = new ManualPool();
    SerialExecutor serial = new SerialExecutor(pool);
    List<String> order = new ArrayList<>();
    serial.execute(() -> order.add("first"));

    serial.executeHere(() -> order.add("second")); // the first has not run yet: this must wait

    assertEquals(List.of(), order);
    pool.runAll();
    assertEquals(List.of("first", "second"), order);
  }

  @Test
  void tasksQueuedWhileRunningHereAlsoRunHereInOrder() {
    ManualPool pool = new ManualPool();
    SerialExecutor serial = new SerialExecutor(pool);
    List<String> order = new ArrayList<>();
    Thread caller = Thread.currentThread();
    List<Thread> threads = new ArrayList<>();

    serial.executeHere(() -> {
      order.add("outer");
      serial.execute(() -> {
        order.add("queued by the task");
        threads.add(Thread.currentThread());
      });
      order.add("outer done");
    });

    assertEquals(List.of("outer", "outer done", "queued by the task"), order);
    assertSame(caller, threads.get(0));
    assertEquals(0, pool.submitted.size());
  }

  @Test
  void aFailingTaskDoesNotStopTheOnesBehindIt() {
    ManualPool pool = new ManualPool();
    SerialExecutor serial = new SerialExecutor(pool);
    List<String> order = new ArrayList<>();

    serial.executeHere(() -> {
      serial.execute(() -> order.add("after the failure"));
      throw new IllegalStateException("boom");
    });

    assertEquals(List.of("after the failure"), order);
  }
}
