package vmapref.naive;

import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import vmapref.engine.Engine;
import vmapref.engine.EngineState;
import vmapref.engine.InvalidOperation;
import vmapref.kernel.KernelBug;

/**
 * The naive oracle: an obviously correct lowest-address first-fit allocator over the trace
 * operations, written for clarity and sharing no search code with the kernel port.
 *
 * <p>Contract (spec ORACLE-1): {@code alloc} returns the lowest address {@code a} with
 * {@code a % align == 0}, {@code vstart <= a}, {@code a + size <= vend} without passing 2^64,
 * such that {@code [a, a + size)} overlaps no area (live or lazily freed); if there is none it
 * purges every lazily freed area and tries once more, then reports EBUSY. Lazily freed areas keep
 * their space until a purge; a purge also happens when more than
 * {@code fls(cpus) * 8192} pages wait, as in the kernel.
 *
 * <p>Why the candidate search is complete: if {@code a} is the lowest fit and {@code a} is not
 * the first multiple of {@code align} at or above {@code vstart}, then {@code a - align} does not
 * fit, so some area ends inside {@code (a - align, a]}, and rounding that end up to {@code align}
 * gives {@code a}. So the lowest fit is among: {@code vstart} rounded up, and each area's end
 * rounded up.
 */
public final class NaiveAllocator implements Engine {
    private static final long PAGE_SIZE = 4096;

    private static final class Area {
        final long start;
        final long end;
        boolean lazy;

        Area(long start, long end) {
            this.start = start;
            this.end = end;
        }
    }

    /** All areas (live and lazily freed) keyed by start, in unsigned address order. */
    private final TreeMap<Long, Area> areas = new TreeMap<>(Long::compareUnsigned);
    private final long lazyMaxPages;
    private long lazyPages;

    public NaiveAllocator(int cpus) {
        int log = 32 - Integer.numberOfLeadingZeros(cpus);
        this.lazyMaxPages = log * (32L * 1024 * 1024 / PAGE_SIZE);
    }

    @Override
    public OptionalLong alloc(long size, long align, long vstart, long vend) {
        if (size == 0) {
            throw new KernelBug("BUG_ON(!size)");
        }
        if (size % PAGE_SIZE != 0) {
            throw new KernelBug("BUG_ON(offset_in_page(size))");
        }
        if (Long.bitCount(align) != 1) {
            throw new KernelBug("BUG_ON(!is_power_of_2(align))");
        }
        OptionalLong found = lowestFit(size, align, vstart, vend);
        if (found.isEmpty()) {
            purge();
            found = lowestFit(size, align, vstart, vend);
        }
        if (found.isPresent()) {
            long start = found.getAsLong();
            areas.put(start, new Area(start, start + size));
        }
        return found;
    }

    /** The lowest address where {@code size} bytes fit, by trying every candidate in order. */
    private OptionalLong lowestFit(long size, long align, long vstart, long vend) {
        OptionalLong first = roundUp(vstart, align);
        if (first.isPresent() && fits(first.getAsLong(), size, vstart, vend)) {
            return first;
        }
        for (Area area : areas.values()) {
            OptionalLong candidate = roundUp(area.end, align);
            if (candidate.isPresent() && fits(candidate.getAsLong(), size, vstart, vend)) {
                return candidate;
            }
        }
        return OptionalLong.empty();
    }

    /** The first multiple of {@code align} at or above {@code x}, if it is below 2^64. */
    private static OptionalLong roundUp(long x, long align) {
        long remainder = Long.remainderUnsigned(x, align);
        if (remainder == 0) {
            return OptionalLong.of(x);
        }
        long up = x + (align - remainder);
        return Long.compareUnsigned(up, x) > 0 ? OptionalLong.of(up) : OptionalLong.empty();
    }

    /** Whether {@code [a, a + size)} lies in {@code [vstart, vend]} and overlaps no area. */
    private boolean fits(long a, long size, long vstart, long vend) {
        long end = a + size;
        if (Long.compareUnsigned(a, vstart) < 0 || Long.compareUnsigned(end, a) <= 0
                || Long.compareUnsigned(end, vend) > 0) {
            return false;
        }
        Map.Entry<Long, Area> below = areas.lowerEntry(end);
        return below == null || Long.compareUnsigned(below.getValue().end, a) <= 0;
    }

    @Override
    public void free(long addr) {
        areas.remove(liveAreaAt("free", addr).start);
    }

    @Override
    public void lazyfree(long addr) {
        Area area = liveAreaAt("lazyfree", addr);
        area.lazy = true;
        lazyPages += Long.divideUnsigned(area.end - area.start, PAGE_SIZE);
        if (lazyPages > lazyMaxPages) {
            purge();
        }
    }

    @Override
    public void purge() {
        areas.values().removeIf(area -> area.lazy);
        lazyPages = 0;
    }

    private Area liveAreaAt(String op, long addr) {
        Area area = areas.get(addr);
        if (area == null) {
            throw new InvalidOperation(op + ": no area starts at 0x" + Long.toHexString(addr));
        }
        if (area.lazy) {
            throw new InvalidOperation(op + ": the area at 0x" + Long.toHexString(addr)
                    + " is already lazily freed");
        }
        return area;
    }

    @Override
    public EngineState.Summary summary() {
        int lazy = (int) areas.values().stream().filter(area -> area.lazy).count();
        return new EngineState.Summary(null, false, null, null, null, lazyPages, areas.size() - lazy, lazy);
    }

    @Override
    public EngineState.Area[] areas() {
        return areas.values().stream()
                .map(area -> new EngineState.Area(area.start, area.end, area.lazy ? 1 : 0))
                .toArray(EngineState.Area[]::new);
    }
}
