package vmapref.kernel;

import java.util.Arrays;

/**
 * The kernel's {@code vmap_area_root} (red-black tree) and {@code vmap_area_list} (RCU list), kept
 * in one address-sorted structure.
 *
 * <p>Representation: the areas in tree in-order are {@code areas[0..count)}, with their bounds
 * copied into the parallel arrays {@code starts} and {@code ends} so that the allocator's list walk
 * reads contiguous memory. The kernel keeps its list in tree in-order ({@code __insert_vmap_area}
 * links each new area right after {@code rb_prev}), so the list successor of {@code areas[i]} is
 * {@code areas[i + 1]} and "last in list" is {@code i == count - 1}. The list is also kept as real
 * {@link VmapArea#next}/{@link VmapArea#prev} links with the kernel's {@code list_add_rcu} /
 * {@code list_del_rcu} publication order, because {@code __purge_vmap_area_lazy} walks it under
 * RCU only, without {@code vmap_area_lock}; the Java garbage collector plays the RCU grace period
 * of {@code kfree_rcu}.
 *
 * <p>Invariants (spec INV-ORDER, INV-NONEMPTY, INV-DISJOINT, INV-LIST): for {@code 0 <= i < j <
 * count}, {@code starts[i] < ends[i]}, {@code ends[i] <= starts[j]} (unsigned), {@code starts[i] ==
 * areas[i].vaStart}, {@code ends[i] == areas[i].vaEnd}, and the linked list from {@link #head}
 * visits {@code areas[0..count)} in order. Every method needs the caller to hold
 * {@code vmap_area_lock}, except the lock-free list walk ({@link #listFirst()}, {@link #isHead}).
 * Why this answers every question exactly as the red-black tree does: docs/fidelity.md, "Data
 * structure".
 */
public final class VmapAreaTree {
    private long[] starts = new long[16];
    private long[] ends = new long[16];
    private VmapArea[] areas = new VmapArea[16];
    private int count;

    /** {@code vmap_area_list}'s head: a sentinel that is never an area of the tree. */
    private final VmapArea head = new VmapArea(0, 0);

    VmapAreaTree() {
        head.next = head;
        head.prev = head;
    }

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
     * The kernel's descent may stop one area later when that area starts exactly at {@code addr} and
     * its predecessor ends there; both starts give the same walk (docs/fidelity.md, "tree-descent
     * tie").
     */
    public int lowestEndingAtOrAbove(long addr) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Ulong.lt(ends[mid], addr)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo < count ? lo : -1;
    }

    /** Whether the kernel's descent could also stop at {@code first + 1} (the tie above). */
    boolean isDescentTie(int first, long addr) {
        return first + 1 < count && ends[first] == addr && starts[first + 1] == addr;
    }

    /**
     * {@code __find_vmap_area(addr)}: the area with {@code va_start <= addr < va_end}, or null.
     */
    public VmapArea find(long addr) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Ulong.le(ends[mid], addr)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo < count && Ulong.le(starts[lo], addr) ? areas[lo] : null;
    }

    /** The index of {@code va} in address order, or -1 when it is not in the tree. */
    public int indexOf(VmapArea va) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Ulong.lt(starts[mid], va.vaStart)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo < count && areas[lo] == va ? lo : -1;
    }

    /**
     * Where {@code __insert_vmap_area}'s descent links {@code va} in in-order: it goes left at every
     * area with {@code va_start < tmp->va_end} and right otherwise, so the position is the number
     * of areas with {@code va_end <= va->va_start} (ends are increasing, so that is a prefix).
     */
    int insertPosition(VmapArea va) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Ulong.le(ends[mid], va.vaStart)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Whether {@code va}, linked at {@code pos}, would overlap its in-order successor. The kernel's
     * {@code __insert_vmap_area} does not catch that overlap (it goes left); only the ALIGN()
     * wrap-around of finding F-ALIGN-WRAP produces it.
     */
    boolean overlapsSuccessor(int pos, VmapArea va) {
        return pos < count && Ulong.lt(starts[pos], va.vaEnd);
    }

    /**
     * {@code __insert_vmap_area(va)}: link {@code va} at {@code pos} (from {@link #insertPosition})
     * and into the list right after its in-order predecessor ({@code rb_prev}), or at the list head.
     * Requires that {@code va} does not overlap its neighbours.
     */
    void insert(int pos, VmapArea va) {
        if (count == areas.length) {
            int capacity = count * 2;
            starts = Arrays.copyOf(starts, capacity);
            ends = Arrays.copyOf(ends, capacity);
            areas = Arrays.copyOf(areas, capacity);
        }
        System.arraycopy(starts, pos, starts, pos + 1, count - pos);
        System.arraycopy(ends, pos, ends, pos + 1, count - pos);
        System.arraycopy(areas, pos, areas, pos + 1, count - pos);
        starts[pos] = va.vaStart;
        ends[pos] = va.vaEnd;
        areas[pos] = va;
        count++;
        listAddRcu(va, pos == 0 ? head : areas[pos - 1]);
    }

    /** {@code rb_erase} + {@code list_del_rcu} of the area at index {@code i}. */
    void remove(int i) {
        VmapArea va = areas[i];
        System.arraycopy(starts, i + 1, starts, i, count - i - 1);
        System.arraycopy(ends, i + 1, ends, i, count - i - 1);
        System.arraycopy(areas, i + 1, areas, i, count - i - 1);
        count--;
        areas[count] = null;
        listDelRcu(va);
    }

    /** {@code list_add_rcu(&va->list, &prev->list)}: fill in {@code va}'s links, then publish it. */
    private static void listAddRcu(VmapArea va, VmapArea prev) {
        VmapArea next = prev.next;
        va.next = next;
        va.prev = prev;
        prev.next = va;
        next.prev = va;
    }

    /**
     * {@code list_del_rcu(&va->list)}: unlink {@code va}; its own {@code next} stays valid so that
     * a reader standing on it can go on (the kernel poisons only {@code prev}).
     */
    private static void listDelRcu(VmapArea va) {
        va.prev.next = va.next;
        va.next.prev = va.prev;
        va.prev = null;
    }

    /** First entry of {@code vmap_area_list} for an RCU walk; {@link #isHead} ends the walk. */
    VmapArea listFirst() {
        return head.next;
    }

    /** Whether {@code va} is the list head, i.e. the end of a list walk. */
    boolean isHead(VmapArea va) {
        return va == head;
    }
}
