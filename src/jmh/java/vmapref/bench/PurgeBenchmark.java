package vmapref.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import vmapref.engine.Engine;
import vmapref.engine.EngineState;

/**
 * JMH benchmark of {@code purge_vmap_area_lazy()} freeing a batch of {@value #BATCH} lazily freed
 * areas spread evenly over a steady state of {@code live} areas: the purge walks the whole area
 * list and frees the batch. Each measurement is one purge (single shot); the setup lazily frees
 * the batch (at most 64 pages each, so the lazy threshold of 8192 pages is not crossed) and the
 * teardown allocates the same sizes again.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 20)
@Measurement(iterations = 50)
public class PurgeBenchmark {
    /** Areas in one purge batch. */
    static final int BATCH = 100;

    /** Steady-state number of live areas. */
    @Param({"1000", "5000", "20000", "100000"})
    public int live;

    /** {@code port} or {@code naive}. */
    @Param({"port", "naive"})
    public String engine;

    private Engine e;
    private final long[] sizes = new long[BATCH];

    /** Builds the steady state. */
    @Setup(Level.Trial)
    public void setUp() {
        e = Workload.engine(engine);
        Workload.fill(e, live, 1);
    }

    /** Lazily frees {@value #BATCH} small areas spread over the address range. */
    @Setup(Level.Iteration)
    public void lazyfreeBatch() {
        EngineState.Area[] areas = e.areas();
        int n = 0;
        for (int i = 0; i < areas.length && n < BATCH; i += Math.max(1, areas.length / BATCH)) {
            long bytes = areas[i].end() - areas[i].start();
            if (areas[i].flags() == 0 && bytes <= 64 * Workload.PAGE) {
                e.lazyfree(areas[i].start());
                sizes[n++] = bytes;
            }
        }
        for (; n < BATCH; n++) {
            sizes[n] = 0;
        }
    }

    /** One purge of the batch. */
    @Benchmark
    public void purge() {
        e.purge();
    }

    /** Allocates the batch's sizes again, back to about {@code live} live areas. */
    @TearDown(Level.Iteration)
    public void refill() {
        for (long size : sizes) {
            if (size != 0) {
                e.alloc(size, 1, Workload.VMALLOC_START, Workload.VMALLOC_END);
            }
        }
    }
}
