package vmapref.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import vmapref.engine.EngineState;
import vmapref.engine.Hex;
import vmapref.engine.PortEngine;
import vmapref.kernel.KernelBug;
import vmapref.kernel.KernelPath;
import vmapref.kernel.OutsideModel;
import vmapref.kernel.Ulong;
import vmapref.kernel.VmapArea;
import vmapref.kernel.VmapAreaAllocator;
import vmapref.naive.NaiveAllocator;

/**
 * Runs a {@link Program} on the port ({@link PortEngine}) and, in lockstep, on the naive oracle
 * ({@link NaiveAllocator}), and checks after every operation each spec item that speaks about a
 * sequential run (spec/SPEC.md): INV-NONEMPTY, INV-ORDER, INV-DISJOINT, INV-LIST, INV-CACHE,
 * INV-LAZY, PROP-HOLE, OP-ALLOC-POST, OP-PURGE-SEQ, PROP-PLACE, PROP-FAIL and PROP-AGREE, and
 * LOCKING (every operation returns with {@code vmap_area_lock} and {@code purge_lock} free, the
 * lock pairing of OP-ALLOC, OP-FREE and OP-PURGE). A
 * violation is recorded under its spec id with the trace line that broke it; the run goes on, so
 * that one run serves every property.
 *
 * <p>PROP-PLACE and PROP-FAIL are checked per allocation attempt against the first fit in the
 * port's own state at that attempt (the naive oracle run on a copy of that state): attempt 1 sees
 * the state before the operation, attempt 2 (after {@code overflow:} and the purge) the state the
 * purge left. An attempt may miss the first fit only when it kept the cache with {@code size ==
 * cached_hole_size} (F-HOLE-EQ). PROP-AGREE compares the two engines operation by operation while
 * the trace is inside the class the spec names (no attempt kept the cache with {@code size ==
 * cached_hole_size}, no {@code ALIGN()} wrapped, no area of 2^31 pages or more).
 *
 * <p>A {@code BUG_ON} ({@link KernelBug}) or an overlapping insert ({@link OutsideModel}) ends
 * the run; both must come from a wrapped {@code ALIGN()} (F-ALIGN-WRAP), else OP-ALLOC-POST is
 * violated.
 */
final class CheckedRun {
    /** {@code num_online_cpus()} of every run: {@code lazy_max_pages() == 8192}. */
    static final int CPUS = 1;

    /** A broken spec item: its id, the 1-based trace line, and what was seen. */
    record Violation(String specId, int line, String message) {
    }

    private final PortEngine port = new PortEngine(CPUS);
    private final VmapAreaAllocator kernel = port.allocator();
    private final NaiveAllocator oracle = new NaiveAllocator(CPUS);
    private final Probe probe = new Probe();

    /** The trace lines executed so far (the last one may be the one that hit a BUG_ON). */
    final List<String> lines = new ArrayList<>();
    /** The result line of each executed trace line. */
    final List<String> results = new ArrayList<>();
    final List<Violation> violations = new ArrayList<>();
    /** Kernel paths and derived events seen in the run, for coverage statistics. */
    final Set<String> coverage = new TreeSet<>();
    /** Whether the trace is still inside PROP-AGREE's class (and the oracle still runs). */
    boolean agreeClass = true;
    /** Operations compared for PROP-AGREE. */
    int agreeCompared;
    /** Whether the run ended at a BUG_ON or an overlapping insert (F-ALIGN-WRAP). */
    boolean stoppedAtBug;

    private CheckedRun() {
        port.setPathListener(probe);
    }

    /** Runs {@code program} with all checks. */
    static CheckedRun of(Program program) {
        CheckedRun run = new CheckedRun();
        for (Step step : program.steps()) {
            if (!run.step(program, step)) {
                break;
            }
        }
        return run;
    }

    /** The executed trace, one line per operation, each followed by its result as a comment. */
    String traceText() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            sb.append(lines.get(i));
            if (i < results.size()) {
                sb.append("   # ").append(results.get(i));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The violations of one spec id. */
    List<Violation> violationsOf(String specId) {
        List<Violation> out = new ArrayList<>();
        for (Violation v : violations) {
            if (v.specId().equals(specId)) {
                out.add(v);
            }
        }
        return out;
    }

    /** A failure message: the violation and the trace up to it, ready for {@code vmapref replay}. */
    String report(Violation v) {
        StringBuilder sb = new StringBuilder(v.specId() + " violated at trace line " + v.line() + ": "
                + v.message() + "\ntrace (vmapref replay):\n");
        for (int i = 0; i < v.line(); i++) {
            sb.append(lines.get(i)).append('\n');
        }
        return sb.toString();
    }

    private void violation(String specId, String message) {
        violations.add(new Violation(specId, lines.size(), message));
    }

    /** Executes one step; false when the run must stop (BUG_ON, overlapping insert). */
    private boolean step(Program program, Step step) {
        switch (step.kind()) {
            case ALLOC:
                return alloc(program.ranges().get(step.slot() % program.ranges().size()), step);
            case FREE:
            case LAZYFREE: {
                EngineState.Area victim = pickLive(step.pick());
                if (victim == null) {
                    return true;
                }
                boolean lazy = step.kind() == Step.Kind.LAZYFREE;
                lines.add((lazy ? "lazyfree " : "free ") + Hex.of(victim.start()));
                probe.begin();
                if (lazy) {
                    port.lazyfree(victim.start());
                } else {
                    port.free(victim.start());
                }
                results.add("ok");
                coverage.addAll(probe.names());
                if (agreeClass) {
                    if (lazy) {
                        oracle.lazyfree(victim.start());
                    } else {
                        oracle.free(victim.start());
                    }
                }
                afterOperation();
                return true;
            }
            case PURGE: {
                lines.add("purge");
                EngineState.Area[] before = port.areas();
                probe.begin();
                port.purge();
                results.add("ok");
                coverage.addAll(probe.names());
                if (agreeClass) {
                    oracle.purge();
                }
                checkPurge(before);
                afterOperation();
                return true;
            }
            default:
                throw new IllegalStateException(step.kind().toString());
        }
    }

    /** A live area chosen by {@code pick} ({@code pick < 0}: the highest one), or null if none. */
    private EngineState.Area pickLive(int pick) {
        List<EngineState.Area> live = new ArrayList<>();
        for (EngineState.Area a : port.areas()) {
            if (a.flags() == 0) {
                live.add(a);
            }
        }
        if (live.isEmpty()) {
            return null;
        }
        return live.get(pick < 0 ? live.size() - 1 : pick % live.size());
    }

    private boolean alloc(Range range, Step step) {
        long size = step.size();
        long align = step.align();
        long vstart = range.vstart();
        long vend = range.vend();
        lines.add("alloc " + Long.toUnsignedString(size) + " " + Long.toUnsignedString(align) + " "
                + Hex.of(vstart) + " " + Hex.of(vend));
        EngineState.Area[] before = port.areas();
        long chsBefore = kernel.cachedHoleSize();
        probe.begin();
        OptionalLong got;
        try {
            got = port.alloc(size, align, vstart, vend);
        } catch (KernelBug | OutsideModel e) {
            results.add(e instanceof KernelBug ? "BUG: " + e.getMessage() : "overlapping insert (F-ALIGN-WRAP)");
            coverage.addAll(probe.names());
            stoppedAtBug = true;
            if (!probe.seen.contains(KernelPath.ALIGN_WRAPPED)) {
                violation("OP-ALLOC-POST", "the kernel stops (" + e.getMessage() + ") without a wrapped ALIGN()");
            } else {
                coverage.add(e instanceof KernelBug ? "F-ALIGN-WRAP: BUG_ON(va->va_start < vstart)"
                        : "F-ALIGN-WRAP: overlapping insert");
            }
            if (e instanceof KernelBug && e.getMessage().equals("BUG_ON(va->va_start < vstart)")) {
                checkWrappedStart(before, align, vstart);
            }
            return false;
        }
        results.add(got.isPresent() ? Hex.of(got.getAsLong()) : "EBUSY");
        coverage.addAll(probe.names());
        boolean wrapped = probe.seen.contains(KernelPath.ALIGN_WRAPPED);
        boolean heq1 = probe.attempt1.contains(KernelPath.CACHE_KEPT) && size == chsBefore;
        boolean heq2 = probe.retried && probe.attempt2.contains(KernelPath.CACHE_KEPT) && size == probe.chsAtRetry;
        if (probe.retried && got.isPresent()) {
            coverage.add("OVERFLOW_PURGE_RETRY then FOUND");
        }
        if (got.isPresent()) {
            checkPost(got.getAsLong(), size, align, vstart, vend, wrapped);
        }
        if (!wrapped) {
            checkPlacement(before, got, size, align, vstart, vend, heq1, heq2);
        }
        if (agreeClass && !wrapped && !heq1 && !heq2) {
            OptionalLong expected = oracle.alloc(size, align, vstart, vend);
            agreeCompared++;
            if (!expected.equals(got)) {
                violation("PROP-AGREE", "port " + text(got) + ", oracle " + text(expected));
                agreeClass = false;
            }
            if (got.isPresent() && (size >>> VmapArea.PAGE_SHIFT) >= (1L << 31)) {
                agreeClass = false;
            }
        } else {
            agreeClass = false;
        }
        afterOperation();
        return true;
    }

    private static String text(OptionalLong r) {
        return r.isPresent() ? Hex.of(r.getAsLong()) : "EBUSY";
    }

    /** OP-ALLOC-POST: ALIGNMENT, BOUNDS, NON-OVERLAP of a successful allocation (no ALIGN() wrap). */
    private void checkPost(long start, long size, long align, long vstart, long vend, boolean wrapped) {
        if (wrapped) {
            return;
        }
        long end = start + size;
        if ((start & (align - 1)) != 0) {
            violation("OP-ALLOC-POST", "ALIGNMENT: " + Hex.of(start) + " is not a multiple of " + Hex.of(align));
        }
        if (Ulong.lt(start, vstart) || Ulong.gt(end, vend) || !Ulong.lt(start, end)) {
            violation("OP-ALLOC-POST", "BOUNDS: [" + Hex.of(start) + ", " + Hex.of(end) + ") is not inside ["
                    + Hex.of(vstart) + ", " + Hex.of(vend) + "]");
        }
        EngineState.Area[] areas = port.areas();
        int found = -1;
        for (int i = 0; i < areas.length; i++) {
            if (areas[i].start() == start && areas[i].end() == end && areas[i].flags() == 0) {
                found = i;
            }
        }
        if (found < 0) {
            violation("OP-ALLOC-POST", "the new area [" + Hex.of(start) + ", " + Hex.of(end) + ") is not in the tree");
            return;
        }
        boolean overlapsBelow = found > 0 && Ulong.gt(areas[found - 1].end(), start);
        boolean overlapsAbove = found + 1 < areas.length && Ulong.lt(areas[found + 1].start(), end);
        if (overlapsBelow || overlapsAbove) {
            violation("OP-ALLOC-POST", "NON-OVERLAP: the new area overlaps a neighbour");
        }
    }

    /**
     * OP-ALLOC-POST, BOUNDS when ALIGN() wrapped (F-ALIGN-WRAP): unless {@code ALIGN(vstart)}
     * itself wrapped, an area placed below {@code vstart} starts at 0. A wrapped {@code
     * ALIGN(first->va_end)} is 0 for a power-of-two {@code align}, every later end wraps too, and
     * without a wrap the walk's {@code addr} never goes down (proofs/ATTEMPTS.md, session 46).
     */
    private void checkWrappedStart(EngineState.Area[] before, long align, long vstart) {
        if (Ulong.lt(vstart + (align - 1), vstart)) {
            return;
        }
        for (EngineState.Area a : port.areas()) {
            if (!Arrays.asList(before).contains(a)) {
                coverage.add("F-ALIGN-WRAP: BUG_ON(va->va_start < vstart) without a wrapped ALIGN(vstart): "
                        + "the area is at 0");
                if (a.start() != 0) {
                    violation("OP-ALLOC-POST", "BOUNDS: [" + Hex.of(a.start()) + ", " + Hex.of(a.end())
                            + ") lies below vstart " + Hex.of(vstart) + " and not at 0, and ALIGN(vstart) did not wrap");
                }
            }
        }
    }

    /** PROP-PLACE and PROP-FAIL, attempt by attempt, against the first fit in the port's own state. */
    private void checkPlacement(EngineState.Area[] before, OptionalLong got, long size, long align, long vstart,
            long vend, boolean heq1, boolean heq2) {
        OptionalLong ff1 = firstFit(before, size, align, vstart, vend);
        if (!probe.retried) {
            long r = got.getAsLong();
            if (ff1.isEmpty()) {
                violation("PROP-PLACE", "placed at " + Hex.of(r) + " where the first-fit oracle finds no place");
            } else if (Ulong.lt(r, ff1.getAsLong())) {
                violation("PROP-PLACE", "placed at " + Hex.of(r) + ", below the first fit " + Hex.of(ff1.getAsLong()));
            } else if (r != ff1.getAsLong()) {
                if (heq1) {
                    coverage.add("F-HOLE-EQ: placed above the first fit");
                } else {
                    violation("PROP-PLACE", "placed at " + Hex.of(r) + ", first fit is " + Hex.of(ff1.getAsLong())
                            + ", and the cache was not kept with size == cached_hole_size");
                }
            }
            return;
        }
        if (ff1.isPresent()) {
            if (heq1) {
                coverage.add("F-HOLE-EQ: first attempt failed although a fit exists");
            } else {
                violation("PROP-FAIL", "first attempt failed, but " + Hex.of(ff1.getAsLong())
                        + " fits, and the cache was not kept with size == cached_hole_size");
            }
        }
        OptionalLong ff2 = firstFit(probe.afterPurge, size, align, vstart, vend);
        if (got.isPresent()) {
            long r = got.getAsLong();
            if (ff2.isEmpty()) {
                violation("PROP-PLACE", "retry placed at " + Hex.of(r) + " where the first-fit oracle finds no place");
            } else if (Ulong.lt(r, ff2.getAsLong())) {
                violation("PROP-PLACE", "retry placed at " + Hex.of(r) + ", below the first fit " + Hex.of(ff2.getAsLong()));
            } else if (r != ff2.getAsLong()) {
                if (heq2) {
                    coverage.add("F-HOLE-EQ: placed above the first fit");
                } else {
                    violation("PROP-PLACE", "retry placed at " + Hex.of(r) + ", first fit after the purge is "
                            + Hex.of(ff2.getAsLong()) + ", and the cache was not kept with size == cached_hole_size");
                }
            }
        } else if (ff2.isPresent()) {
            if (heq2) {
                coverage.add("F-HOLE-EQ: EBUSY although a fit exists");
            } else {
                violation("PROP-FAIL", "EBUSY, but " + Hex.of(ff2.getAsLong()) + " fits after the purge");
            }
        }
    }

    /**
     * The lowest-address first fit in a state (ORACLE-1): a fresh naive oracle holds every area
     * of {@code areas} (lazily freed ones as occupied, as the kernel treats them) and allocates.
     */
    static OptionalLong firstFit(EngineState.Area[] areas, long size, long align, long vstart, long vend) {
        NaiveAllocator copy = new NaiveAllocator(CPUS);
        for (EngineState.Area a : areas) {
            OptionalLong at = copy.alloc(a.end() - a.start(), 1, a.start(), a.end());
            if (at.isEmpty() || at.getAsLong() != a.start()) {
                throw new IllegalStateException("cannot copy the area " + Hex.of(a.start()));
            }
        }
        return copy.alloc(size, align, vstart, vend);
    }

    /** OP-PURGE-SEQ: a purge frees every lazily freed area and touches no live one (unless nr == 0). */
    private void checkPurge(EngineState.Area[] before) {
        long nr = 0;
        List<EngineState.Area> live = new ArrayList<>();
        for (EngineState.Area a : before) {
            if (a.flags() == VmapArea.VM_LAZY_FREE) {
                nr += (a.end() - a.start()) >>> VmapArea.PAGE_SHIFT;
            }
            if (a.flags() == 0) {
                live.add(a);
            }
        }
        List<EngineState.Area> liveAfter = new ArrayList<>();
        for (EngineState.Area a : port.areas()) {
            if (a.flags() == VmapArea.VM_LAZY_FREE) {
                violation("OP-PURGE-SEQ", "the area at " + Hex.of(a.start()) + " is still lazily freed after a purge");
            }
            if (a.flags() == 0) {
                liveAfter.add(a);
            }
        }
        if (!live.equals(liveAfter)) {
            violation("OP-PURGE-SEQ", "a purge changed the live areas");
        }
        if ((int) nr == 0 && nr != 0) {
            coverage.add("F-NR-TRUNC: purge batch of 0 mod 2^32 pages not freed");
        }
    }

    /** The invariants, PROP-HOLE and PROP-AGREE's state comparison, after every operation. */
    private void afterOperation() {
        if (kernel.lock().isLocked() || kernel.lazyPurge().purgeLock().isLocked()) {
            violation("LOCKING", "an operation returned with vmap_area_lock or purge_lock still held");
        }
        String inv = kernel.checkInvariants();
        if (inv != null) {
            String id = inv.substring(0, inv.indexOf(':'));
            for (String one : id.split("/")) {
                violation(one, inv);
            }
        }
        checkLazy();
        checkHole();
        if (agreeClass) {
            EngineState.Area[] p = port.areas();
            EngineState.Area[] o = oracle.areas();
            long n = port.summary().vmapLazyNr();
            long m = oracle.summary().vmapLazyNr();
            if (!Arrays.equals(p, o)) {
                violation("PROP-AGREE", "the port's and the oracle's areas differ");
                agreeClass = false;
            } else if (n != m) {
                violation("PROP-AGREE", "vmap_lazy_nr " + n + " but the oracle counts " + m + " lazy pages");
                agreeClass = false;
            }
        }
    }

    /**
     * INV-LAZY: {@code vmap_lazy_nr} is the number of lazily freed pages modulo 2^32, and areas left
     * {@code VM_LAZY_FREEING} by a purge total 0 pages modulo 2^32 (F-NR-TRUNC).
     */
    private void checkLazy() {
        long lazyPages = 0;
        long freeingPages = 0;
        for (EngineState.Area a : port.areas()) {
            long pages = (a.end() - a.start()) >>> VmapArea.PAGE_SHIFT;
            if (a.flags() == VmapArea.VM_LAZY_FREE) {
                lazyPages += pages;
            } else if (a.flags() == VmapArea.VM_LAZY_FREEING) {
                freeingPages += pages;
            } else if (a.flags() != 0) {
                violation("INV-LAZY", "the area at " + Hex.of(a.start()) + " has flags " + Hex.of(a.flags()));
            }
        }
        if (kernel.lazyPurge().vmapLazyNr() != (int) lazyPages) {
            violation("INV-LAZY", "vmap_lazy_nr is " + kernel.lazyPurge().vmapLazyNr() + " but " + lazyPages
                    + " pages are lazily freed");
        }
        if ((int) freeingPages != 0) {
            violation("INV-LAZY", freeingPages + " pages stay VM_LAZY_FREEING, not 0 mod 2^32");
        }
    }

    /** PROP-HOLE on the current state ({@link VmapAreaAllocator#checkCacheHole()}). */
    private void checkHole() {
        String hole = kernel.checkCacheHole();
        if (hole != null) {
            violation("PROP-HOLE", hole);
        }
    }

    /** Records the kernel paths of one operation, split into the attempts of an allocation. */
    private final class Probe implements vmapref.kernel.PathListener {
        final EnumSet<KernelPath> seen = EnumSet.noneOf(KernelPath.class);
        final EnumSet<KernelPath> attempt1 = EnumSet.noneOf(KernelPath.class);
        final EnumSet<KernelPath> attempt2 = EnumSet.noneOf(KernelPath.class);
        boolean retried;
        boolean purging;
        long chsAtRetry;
        EngineState.Area[] afterPurge;

        void begin() {
            seen.clear();
            attempt1.clear();
            attempt2.clear();
            retried = false;
            purging = false;
            afterPurge = null;
        }

        Set<String> names() {
            Set<String> out = new TreeSet<>();
            for (KernelPath p : seen) {
                out.add(p.name());
            }
            return out;
        }

        @Override
        public void on(KernelPath path) {
            seen.add(path);
            if (path == KernelPath.OVERFLOW_PURGE_RETRY) {
                retried = true;
                purging = true;
                chsAtRetry = kernel.cachedHoleSize();
            } else if (purging && (path == KernelPath.PURGE_BATCH_FREED || path == KernelPath.PURGE_NOTHING)) {
                purging = false;
                afterPurge = port.areas();
            } else if (!purging) {
                (retried ? attempt2 : attempt1).add(path);
            }
        }
    }
}
