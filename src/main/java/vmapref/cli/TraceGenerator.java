package vmapref.cli;

import java.io.PrintStream;
import java.util.OptionalLong;
import java.util.Random;
import vmapref.engine.Hex;
import vmapref.engine.PortEngine;
import vmapref.kernel.Ulong;
import vmapref.kernel.VmapArea;
import vmapref.kernel.VmapAreaAllocator;

/**
 * {@code vmapref gen --ops N --live L --seed S [--cpus C]}: writes a synthetic x86_64 vmalloc
 * workload of {@code N} operations in the trace format, for benchmarks (docs/performance.md).
 *
 * <p>The workload, per operation:
 * <ul>
 *   <li>every {@code alloc} asks for the whole x86_64 vmalloc range of Linux v4.5
 *       ({@code VMALLOC_START} 0xffffc90000000000 to {@code VMALLOC_END} 0xffffe8ffffffffff), as
 *       {@code __get_vm_area_node} does for {@code vmalloc}; size (guard page included) 1 to 64
 *       pages, log-uniform, and with probability 3% a tail of 65 pages to 16 MiB, log-uniform;
 *       alignment 1 (70%), {@code PAGE_SIZE} (25%), or the ioremap alignment
 *       {@code 1 << clamp(fls(size), PAGE_SHIFT, IOREMAP_MAX_ORDER)} (5%);</li>
 *   <li>a ramp-up (90% alloc) until {@code L} areas are live, then a steady state around
 *       {@code L} live areas: alloc or release with equal odds inside {@code L +- 5%}, 3:1 towards
 *       {@code L} outside it;</li>
 *   <li>a release frees a live area chosen uniformly (half the time) or among the 32 most
 *       recently placed entries of the live table (short-lived buffers); 90% of releases are
 *       {@code lazyfree} ({@code vfree} goes through {@code free_vmap_area_noflush}), 10%
 *       {@code free}; the lazy threshold purges happen inside the allocator as in the kernel;</li>
 *   <li>an explicit {@code purge} ({@code vm_unmap_aliases}) with probability 0.1%.</li>
 * </ul>
 *
 * <p>Frees must name the address an earlier {@code alloc} returned, so the generator runs the
 * kernel port ({@link PortEngine}) alongside and reads its answers; generating therefore costs
 * about one replay. To keep every trace replayable by the naive oracle too, it never asks for a
 * size equal to {@code cached_hole_size} while the cache would be kept (finding F-HOLE-EQ, the
 * only way the port's placement differs from lowest first fit, spec PROP-PLACE/PROP-AGREE): such
 * a size is raised by one page, and the trace's last comment says how often that happened.
 *
 * <p>Deterministic: the same arguments give the same bytes on every JVM ({@link Random}'s
 * algorithm is fixed by its specification, and {@link StrictMath} is used for the size
 * distribution). The output is streamed: memory is proportional to {@code L}, not {@code N}.
 */
public final class TraceGenerator {
    /** x86_64 {@code VMALLOC_START} in Linux v4.5 (arch/x86/include/asm/pgtable_64_types.h). */
    static final long VMALLOC_START = 0xffffc90000000000L;
    /** x86_64 {@code VMALLOC_END} in Linux v4.5. */
    static final long VMALLOC_END = 0xffffe8ffffffffffL;
    /** x86_64 {@code IOREMAP_MAX_ORDER}: {@code 7 + PAGE_SHIFT}. */
    static final int IOREMAP_MAX_ORDER = 7 + VmapArea.PAGE_SHIFT;
    /** How many of the most recently placed live-table entries a short-lived release picks from. */
    static final int RECENT = 32;

    static final String USAGE = "usage: vmapref gen --ops N --live L --seed S [--cpus N]\n";

    private final long ops;
    private final int targetLive;
    private final Random random;
    private final PortEngine port;
    private final String header;

    /** Start addresses of the live (allocated, not yet released) areas, in no particular order. */
    private long[] live = new long[1024];
    private int liveCount;
    private boolean rampedUp;
    private long holeEqSteered;

    TraceGenerator(long ops, int targetLive, long seed, int cpus) {
        this.ops = ops;
        this.targetLive = targetLive;
        this.random = new Random(seed);
        this.port = new PortEngine(cpus);
        this.header = "# vmapref gen --ops " + ops + " --live " + targetLive + " --seed " + seed + " --cpus " + cpus;
    }

    /** Runs {@code vmapref gen ARGS} (args[0] is {@code gen}); returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        long ops = -1;
        long live = -1;
        long seed = 0;
        boolean seedGiven = false;
        int cpus = 1;
        try {
            for (int i = 1; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--help") || a.equals("-h")) {
                    out.print(USAGE);
                    out.flush();
                    return Main.EXIT_OK;
                }
                String value;
                int eq = a.indexOf('=');
                if (a.startsWith("--") && eq > 0) {
                    value = a.substring(eq + 1);
                    a = a.substring(0, eq);
                } else {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(a + (a.startsWith("--") ? " needs a value" : ": unexpected"));
                    }
                    value = args[++i];
                }
                switch (a) {
                    case "--ops":
                        ops = number(a, value, 0, Long.MAX_VALUE);
                        break;
                    case "--live":
                        live = number(a, value, 1, Integer.MAX_VALUE / 2);
                        break;
                    case "--seed":
                        seed = number(a, value, Long.MIN_VALUE, Long.MAX_VALUE);
                        seedGiven = true;
                        break;
                    case "--cpus":
                        cpus = (int) number(a, value, 1, Integer.MAX_VALUE);
                        break;
                    default:
                        throw new IllegalArgumentException("unknown option '" + a + "'");
                }
            }
            if (ops < 0 || live < 0 || !seedGiven) {
                throw new IllegalArgumentException("gen needs --ops, --live and --seed");
            }
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return Main.EXIT_USAGE;
        }
        new TraceGenerator(ops, (int) live, seed, cpus).write(out, Progress.forStream(err, "gen"));
        if (out.checkError()) {
            err.println("error: writing the trace failed");
            return Main.EXIT_IO;
        }
        return Main.EXIT_OK;
    }

    private static long number(String option, String value, long min, long max) {
        try {
            long n = Long.parseLong(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be a whole number from " + min + " to " + max
                + ", not '" + value + "'");
    }

    /** Writes the header, the {@code ops} operations and the closing comment to {@code out}. */
    void write(PrintStream out, Progress progress) {
        out.println(header);
        out.println("# x86_64 vmalloc range, sizes 1-64 pages (3% up to 16 MiB), align 1/PAGE_SIZE/ioremap,"
                + " steady state of " + targetLive + " live areas, 90% lazyfree / 10% free, 0.1% purge");
        StringBuilder line = new StringBuilder(64);
        for (long n = 0; n < ops; n++) {
            line.setLength(0);
            step(line);
            out.append(line).append('\n');
            progress.tick();
        }
        progress.done();
        out.println("# " + holeEqSteered + " allocation sizes raised by one page to avoid F-HOLE-EQ");
        out.flush();
    }

    /** Chooses and runs one operation on the port, and appends its trace line to {@code line}. */
    private void step(StringBuilder line) {
        if (!rampedUp && liveCount >= targetLive) {
            rampedUp = true;
        }
        if (rampedUp && random.nextInt(1000) == 0) {
            port.purge();
            line.append("purge");
            return;
        }
        int allocPercent;
        if (!rampedUp) {
            allocPercent = 90;
        } else if (liveCount < targetLive - targetLive / 20) {
            allocPercent = 75;
        } else if (liveCount > targetLive + targetLive / 20) {
            allocPercent = 25;
        } else {
            allocPercent = 50;
        }
        if (liveCount == 0 || random.nextInt(100) < allocPercent) {
            alloc(line);
        } else {
            release(line);
        }
    }

    private void alloc(StringBuilder line) {
        long size = drawPages() * VmapArea.PAGE_SIZE;
        int kind = random.nextInt(100);
        long align;
        if (kind < 70) {
            align = 1;
        } else if (kind < 95) {
            align = VmapArea.PAGE_SIZE;
        } else {
            int fls = 64 - Long.numberOfLeadingZeros(size);
            align = 1L << Math.max(VmapArea.PAGE_SHIFT, Math.min(fls, IOREMAP_MAX_ORDER));
        }
        if (cacheKeptWithHoleSize(size, align)) {
            size += VmapArea.PAGE_SIZE;
            holeEqSteered++;
        }
        OptionalLong addr = port.alloc(size, align, VMALLOC_START, VMALLOC_END);
        line.append("alloc ").append(size).append(' ').append(align).append(' ')
                .append(Hex.of(VMALLOC_START)).append(' ').append(Hex.of(VMALLOC_END));
        if (addr.isPresent()) {
            if (liveCount == live.length) {
                long[] bigger = new long[2 * live.length];
                System.arraycopy(live, 0, bigger, 0, liveCount);
                live = bigger;
            }
            live[liveCount++] = addr.getAsLong();
        }
    }

    /** Size in pages: log-uniform 1..64, and 3% log-uniform 65..4096 (16 MiB). */
    private long drawPages() {
        double u = random.nextDouble();
        if (random.nextInt(100) < 3) {
            return Math.min(4096, 65 + (long) StrictMath.floor(StrictMath.exp(u * StrictMath.log(4096 - 64))) - 1);
        }
        return Math.min(64, (long) StrictMath.floor(StrictMath.exp(u * StrictMath.log(65))));
    }

    /**
     * Whether {@code alloc_vmap_area} would keep {@code free_vmap_cache} for this request while
     * {@code size == cached_hole_size} (F-HOLE-EQ: a hole of exactly that size below the cache is
     * skipped, and the port's answer would differ from the naive oracle's).
     */
    private boolean cacheKeptWithHoleSize(long size, long align) {
        VmapAreaAllocator a = port.allocator();
        return a.freeVmapCache() != null && size == a.cachedHoleSize()
                && !Ulong.lt(VMALLOC_START, a.cachedVstart()) && !Ulong.lt(align, a.cachedAlign());
    }

    private void release(StringBuilder line) {
        int i;
        if (random.nextBoolean()) {
            i = random.nextInt(liveCount);
        } else {
            int recent = Math.min(RECENT, liveCount);
            i = liveCount - 1 - random.nextInt(recent);
        }
        long addr = live[i];
        live[i] = live[--liveCount];
        if (random.nextInt(10) == 0) {
            port.free(addr);
            line.append("free ");
        } else {
            port.lazyfree(addr);
            line.append("lazyfree ");
        }
        line.append(Hex.of(addr));
    }
}
