package vmapref.kernel;

/**
 * {@code struct vmap_area} (include/linux/vmalloc.h, v4.5): one allocated range of kernel virtual
 * address space, {@code [vaStart, vaEnd)}.
 *
 * <p>The kernel embeds an {@code rb_node} and a {@code list_head}; here the tree position is the
 * area's index in {@link VmapAreaTree}, and the RCU-protected {@code list} is kept as real links
 * ({@link #next}, {@link #prev}) by {@link VmapAreaList}, because {@code __purge_vmap_area_lazy}
 * walks it without {@code vmap_area_lock}. {@link #purgeNext} is the {@code purge_list} link of a
 * purge's local batch. {@code vm} and {@code rcu_head} are not modelled (spec STATE-AREA).
 */
public final class VmapArea {
    /** {@code PAGE_SHIFT} (4 KiB pages). */
    public static final int PAGE_SHIFT = 12;
    /** {@code PAGE_SIZE}. */
    public static final long PAGE_SIZE = 4096;

    /** {@code VM_LAZY_FREE}: freed by {@code free_vmap_area_noflush}, waiting for a purge. */
    public static final long VM_LAZY_FREE = 0x01;
    /** {@code VM_LAZY_FREEING}: collected by a purge, about to be freed. */
    public static final long VM_LAZY_FREEING = 0x02;
    /** {@code VM_VM_AREA}: {@code vm} is valid (never set here: {@code vm_struct} is out of scope). */
    public static final long VM_VM_AREA = 0x04;

    /** {@code va_start}: first address of the area. */
    public final long vaStart;
    /** {@code va_end}: first address after the area (exclusive); {@code vaStart < vaEnd} unsigned. */
    public final long vaEnd;
    /**
     * {@code flags} ({@code unsigned long}), 0 for a new area. Updated without any lock by
     * {@code free_vmap_area_noflush} and under {@code purge_lock} by the purge, with plain
     * read-modify-write as in C ({@code volatile} gives the visibility the kernel gets on x86).
     */
    /*@ spec_public @*/ volatile long flags;

    /** {@code list.next}: successor in {@code vmap_area_list}, or the list head. */
    /*@ spec_public nullable @*/ volatile VmapArea next;
    /** {@code list.prev}: predecessor in {@code vmap_area_list}, or the list head; null once deleted. */
    /*@ spec_public nullable @*/ VmapArea prev;
    /** {@code purge_list}: next member of a purge's batch ({@code valist}), under {@code purge_lock}. */
    /*@ spec_public nullable @*/ VmapArea purgeNext;

    /*@ // Java long range of the bounds: a fact KeY does not assume for values read from the heap
      @ public invariant Long.MIN_VALUE <= vaStart && vaStart <= Long.MAX_VALUE
      @     && Long.MIN_VALUE <= vaEnd && vaEnd <= Long.MAX_VALUE;
      @ // it reads the bounds only: a store elsewhere (to the tree, the cache) keeps it
      @ public accessible \inv: this.vaStart, this.vaEnd;
      @*/

    /** {@code va->va_start = start; va->va_end = end; va->flags = 0;} */
    /*@ public normal_behavior
      @   ensures this.vaStart == vaStart && this.vaEnd == vaEnd && flags == 0;
      @   assignable \nothing;
      @*/
    public VmapArea(long vaStart, long vaEnd) {
        this.vaStart = vaStart;
        this.vaEnd = vaEnd;
    }

    /** The current {@code flags}. */
    /*@ public normal_behavior
      @   ensures \result == flags;
      @   assignable \strictly_nothing;
      @*/
    public long flags() {
        return flags;
    }

    /**
     * Number of pages, {@code (va_end - va_start) >> PAGE_SHIFT}, as {@code unsigned long}.
     *
     * <p>C's {@code >>} on an {@code unsigned long} is a logical shift. It is written with Java's
     * arithmetic {@code >>}, which KeY defines (as division by 2^PAGE_SHIFT, rounding down), instead
     * of {@code >>>}, which KeY leaves uninterpreted on {@code long}: for a difference of 2^63 or
     * more (a negative {@code long}) the sign bit that {@code >>} copies into the top bits is
     * replaced by adding 2^(64 - PAGE_SHIFT) back. ArithmeticTest checks it equals {@code >>>}
     * (spec ARITH-2).
     */
    /*@ public normal_behavior
      @   ensures 0 <= \result && \result < 4503599627370496L;
      @   assignable \strictly_nothing;
      @*/
    public long pages() {
        long size = vaEnd - vaStart;
        if (size < 0) {
            return (size >> PAGE_SHIFT) + (1L << (64 - PAGE_SHIFT));
        }
        return size >> PAGE_SHIFT;
    }
}
