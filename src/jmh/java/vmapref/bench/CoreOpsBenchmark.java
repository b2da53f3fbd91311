package vmapref.bench;

import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;
import vmapref.engine.Engine;
import vmapref.engine.PortEngine;
import vmapref.kernel.KernelPath;

/**
 * JMH benchmarks of single allocator operations in a steady state of {@code live} areas built
 * from the {@code vmapref gen} workload ({@link Workload}), for the port and the naive oracle.
 *
 * <ul>
 *   <li>{@link #allocHitAndFree}: {@code alloc_vmap_area} that keeps {@code free_vmap_cache} and
 *       finds room right above it (a cache hit), then {@code free_vmap_area} of that area;</li>
 *   <li>{@link #allocHitMissAndFree}: the same hit, then a second request with a smaller
 *       alignment, which resets the cache ({@code align < cached_align}) and walks the area
 *       list from {@code VMALLOC_START} up to the first hole that fits (a miss), then both
 *       frees; the miss costs the difference of the two benchmarks.</li>
 * </ul>
 * For the port, the setup checks with the kernel path tracepoints that the hit and the miss take
 * those paths. The naive oracle has no cache: each of its allocations scans from the bottom.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class CoreOpsBenchmark {
    /** Steady-state number of live areas. */
    @Param({"1000", "5000", "20000", "100000"})
    public int live;

    /** {@code port} or {@code naive}. */
    @Param({"port", "naive"})
    public String engine;

    private Engine e;
    private long size;

    /** Builds the steady state and picks a request size that the cache accepts. */
    @Setup(Level.Trial)
    public void setUp() {
        PortEngine port = new PortEngine(1);
        Workload.fill(port, live, 1);
        // size >= cached_hole_size, else every request resets the cache (no hit)
        long holes = port.allocator().cachedHoleSize();
        size = Math.max(64 * Workload.PAGE, (holes + Workload.PAGE - 1) / Workload.PAGE * Workload.PAGE);
        if (engine.equals("port")) {
            List<KernelPath> paths = new ArrayList<>();
            port.setPathListener(paths::add);
            allocHitAndFree(port);
            paths.clear();
            allocHitAndFree(port);
            expect(paths, KernelPath.CACHE_KEPT, "hit");
            paths.clear();
            long a = port.alloc(size, 2 * Workload.PAGE, Workload.VMALLOC_START, Workload.VMALLOC_END).getAsLong();
            expect(paths, KernelPath.CACHE_KEPT, "hit before the miss");
            paths.clear();
            long b = port.alloc(size, Workload.PAGE, Workload.VMALLOC_START, Workload.VMALLOC_END).getAsLong();
            expect(paths, KernelPath.RESET_ALIGN, "miss");
            port.free(b);
            port.free(a);
            port.setPathListener(null);
            e = port;
        } else {
            e = Workload.engine(engine);
            Workload.fill(e, live, 1);
        }
    }

    private static void expect(List<KernelPath> paths, KernelPath path, String what) {
        if (!paths.contains(path)) {
            throw new IllegalStateException("the " + what + " took " + paths + ", not " + path);
        }
    }

    private long allocHitAndFree(Engine engine) {
        long a = engine.alloc(size, 1, Workload.VMALLOC_START, Workload.VMALLOC_END).getAsLong();
        engine.free(a);
        return a;
    }

    /** A cache hit and the free of the new area. */
    @Benchmark
    public long allocHitAndFree() {
        return allocHitAndFree(e);
    }

    /** A cache hit, a miss (tree path from VMALLOC_START), and both frees. */
    @Benchmark
    public long allocHitMissAndFree() {
        long a = e.alloc(size, 2 * Workload.PAGE, Workload.VMALLOC_START, Workload.VMALLOC_END).getAsLong();
        long b = e.alloc(size, Workload.PAGE, Workload.VMALLOC_START, Workload.VMALLOC_END).getAsLong();
        e.free(b);
        e.free(a);
        return a ^ b;
    }
}
