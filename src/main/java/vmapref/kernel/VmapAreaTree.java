package vmapref.kernel;

/**
 * The kernel's red-black tree {@code vmap_area_root}, kept as its in-order sequence in sorted
 * arrays.
 *
 * <p>Representation: the areas in tree in-order are {@code areas[0..count)}; their bounds are
 * copied into the parallel arrays {@code starts} and {@code ends} so that the allocator's list
 * walk reads contiguous memory. The kernel keeps {@code vmap_area_list} in tree in-order
 * ({@code __insert_vmap_area} links each new area right after {@code rb_prev}), so the list
 * successor of {@code areas[i]} is {@code areas[i + 1]} and "last in list" is
 * {@code i == count - 1}; {@link VmapAreaList} keeps the same order as links for lock-free
 * readers. Why every question gets the red-black tree's answer: docs/fidelity.md, "Data
 * structure".
 *
 * <p>Invariants (spec INV-NONEMPTY, INV-ORDER, INV-DISJOINT): for {@code 0 <= i < j < count},
 * {@code starts[i] < ends[i]} and {@code ends[i] <= starts[j]} (unsigned), {@code starts[i] ==
 * areas[i].vaStart} and {@code ends[i] == areas[i].vaEnd}. Callers hold {@code vmap_area_lock}.
 * Plain Java on arrays, no library calls: the class is in the verified core (spec/SPEC.md).
 */
public final class VmapAreaTree {
    private long[] starts = new long[16];
    private long[] ends = new long[16];
    private VmapArea[] areas = new VmapArea[16];
    private int count;

    /** Number of areas in the tree (live, lazily freed and being freed alike). */
    public int size() {
        return count;
    }

    /** {@code va_start} of the {@code i}-th area in address order. */
    public long start(int i) {
        return starts[i];
    }

    /** {@code va_end} of the {@code i}-th area in address order. */
    public long end(int i) {
        return ends[i];
    }

    /** The {@code i}-th area in address order. */
    public VmapArea area(int i) {
        return areas[i];
    }

    /**
     * The result of {@code alloc_vmap_area}'s tree descent for {@code addr}: the index of the lowest
     * area with {@code va_end >= addr}, or -1 when there is none ({@code first == NULL}).
     * The kernel's descent may instead stop one area later when that area starts exactly at
     * {@code addr} and its predecessor ends there; both starts give the same walk
     * (docs/fidelity.md, "tree-descent tie").
     */
    public int lowestEndingAtOrAbove(long addr) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = lo + (hi - lo) / 2;
            if (Ulong.lt(ends[mid], addr)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo < count) {
            return lo;
        }
        return -1;
    }

    /** Whether the kernel's descent could also stop at {@code first + 1} (the tie above). */
    public boolean isDescentTie(int first, long addr) {
        return first + 1 < count && ends[first] == addr && starts[first + 1] == addr;
    }

    /**
     * The number of areas with {@code va_end <= addr}: the in-order position at which
     * {@code __find_vmap_area} and {@code __insert_vmap_area} leave the areas below {@code addr}.
     */
    private int countEndingAtOrBelow(long addr) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = lo + (hi - lo) / 2;
            if (Ulong.le(ends[mid], addr)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** {@code __find_vmap_area(addr)}: the area with {@code va_start <= addr < va_end}, or null. */
    public VmapArea find(long addr) {
        int i = countEndingAtOrBelow(addr);
        if (i < count && Ulong.le(starts[i], addr)) {
            return areas[i];
        }
        return null;
    }

    /** The index of {@code va} in address order, or -1 when it is not in the tree. */
    public int indexOf(VmapArea va) {
        int i = countEndingAtOrBelow(va.vaStart);
        if (i < count && areas[i] == va) {
            return i;
        }
        return -1;
    }

    /**
     * Where {@code __insert_vmap_area}'s descent links {@code va} in in-order: it goes left at every
     * area with {@code va->va_start < tmp->va_end} and right otherwise, so the position is the
     * number of areas with {@code va_end <= va->va_start} (ends increase, so that is a prefix).
     */
    public int insertPosition(VmapArea va) {
        return countEndingAtOrBelow(va.vaStart);
    }

    /**
     * Whether {@code va}, linked at {@code pos}, would overlap its in-order successor. The kernel's
     * {@code __insert_vmap_area} does not catch that overlap (it goes left); only the ALIGN()
     * wrap-around of finding F-ALIGN-WRAP produces it.
     */
    public boolean overlapsSuccessor(int pos, VmapArea va) {
        return pos < count && Ulong.lt(starts[pos], va.vaEnd);
    }

    /**
     * The tree half of {@code __insert_vmap_area(va)}: link {@code va} at in-order position
     * {@code pos}, which must be {@link #insertPosition} and not overlap ({@link #overlapsSuccessor}).
     */
    public void insert(int pos, VmapArea va) {
        if (count == areas.length) {
            grow();
        }
        for (int i = count; i > pos; i--) {
            starts[i] = starts[i - 1];
            ends[i] = ends[i - 1];
            areas[i] = areas[i - 1];
        }
        starts[pos] = va.vaStart;
        ends[pos] = va.vaEnd;
        areas[pos] = va;
        count++;
    }

    private void grow() {
        int capacity = 2 * areas.length;
        long[] s = new long[capacity];
        long[] e = new long[capacity];
        VmapArea[] a = new VmapArea[capacity];
        for (int i = 0; i < count; i++) {
            s[i] = starts[i];
            e[i] = ends[i];
            a[i] = areas[i];
        }
        starts = s;
        ends = e;
        areas = a;
    }

    /** {@code rb_erase} of the area at in-order position {@code i}. */
    public void remove(int i) {
        for (int j = i; j < count - 1; j++) {
            starts[j] = starts[j + 1];
            ends[j] = ends[j + 1];
            areas[j] = areas[j + 1];
        }
        count--;
        areas[count] = null;
    }
}
