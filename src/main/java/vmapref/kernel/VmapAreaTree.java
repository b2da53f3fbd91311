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
 *
 * <p>JML: an unsigned comparison {@code u < v} is written in the sign-split form that
 * {@link Ulong}'s contracts prove equivalent to it, {@code (u < 0 ? (v < 0 && u < v) : (v < 0 ||
 * u < v))}, and likewise for {@code <=}. The class invariants below are INV-NONEMPTY and INV-ORDER
 * (pairwise, which gives INV-DISJOINT) plus the representation invariant; KeY proves that every
 * method but the helpers (which state what they keep instead) preserves them (proofs/REPORT.md).
 */
public final class VmapAreaTree {
    private /*@ spec_public @*/ long[] starts = new long[16];
    private /*@ spec_public @*/ long[] ends = new long[16];
    private /*@ spec_public nullable @*/ VmapArea[] areas = new VmapArea[16];
    private /*@ spec_public @*/ int count;

    /*@ public invariant starts != null && ends != null && areas != null && starts != ends;
      @ public invariant starts.length == ends.length && ends.length == areas.length && 0 < areas.length;
      @ // areas is exactly a VmapArea[], so storing an area into it cannot throw ArrayStoreException
      @ public invariant \typeof(areas) == \type(VmapArea[]);
      @ public invariant 0 <= count && count <= starts.length;
      @ public invariant (\forall int i; 0 <= i && i < count;
      @     areas[i] != null && areas[i].vaStart == starts[i] && areas[i].vaEnd == ends[i]);
      @ // Java long range of the stored bounds (KeY does not assume it for heap values)
      @ public invariant (\forall int i; 0 <= i && i < count; Long.MIN_VALUE <= starts[i] && starts[i] <= Long.MAX_VALUE
      @     && Long.MIN_VALUE <= ends[i] && ends[i] <= Long.MAX_VALUE);
      @ // INV-NONEMPTY
      @ public invariant (\forall int i; 0 <= i && i < count; (starts[i] < 0 ? (ends[i] < 0 && starts[i] < ends[i]) : (ends[i] < 0 || starts[i] < ends[i])));
      @ // INV-ORDER (pairwise; with INV-NONEMPTY it is INV-DISJOINT)
      @ public invariant (\forall int i, j; 0 <= i && i < j && j < count; (ends[i] < 0 ? (starts[j] < 0 && ends[i] <= starts[j]) : (starts[j] < 0 || ends[i] <= starts[j])));
      @ public accessible \inv: this.*, starts[*], ends[*], areas[*], (\infinite_union int i; 0 <= i && i < count; areas[i].*);
      @*/

    /** The empty tree (spec INIT: it satisfies every invariant). */
    /*@ public normal_behavior
      @   ensures count == 0;
      @   ensures \fresh(starts) && \fresh(ends) && \fresh(areas);
      @   assignable \nothing;
      @*/
    public VmapAreaTree() {
    }

    /** Number of areas in the tree (live, lazily freed and being freed alike). */
    /*@ public normal_behavior
      @   ensures \result == count;
      @   assignable \strictly_nothing;
      @*/
    public int size() {
        return count;
    }

    /** {@code va_start} of the {@code i}-th area in address order. */
    /*@ public normal_behavior
      @   requires 0 <= i && i < count;
      @   ensures \result == starts[i] && \result == areas[i].vaStart;
      @   assignable \strictly_nothing;
      @*/
    public long start(int i) {
        return starts[i];
    }

    /** {@code va_end} of the {@code i}-th area in address order. */
    /*@ public normal_behavior
      @   requires 0 <= i && i < count;
      @   ensures \result == ends[i] && \result == areas[i].vaEnd;
      @   assignable \strictly_nothing;
      @*/
    public long end(int i) {
        return ends[i];
    }

    /** {@code list_is_last(&va->list, &vmap_area_list)} for the {@code i}-th area (INV-LIST). */
    /*@ public normal_behavior
      @   requires 0 <= i && i < count;
      @   ensures \result <==> i == count - 1;
      @   assignable \strictly_nothing;
      @*/
    public boolean isLast(int i) {
        return i == count - 1;
    }

    /** {@code list_next_entry(va, list)} for the {@code i}-th area, not the last (INV-LIST). */
    /*@ public normal_behavior
      @   requires 0 <= i && i < count - 1;
      @   ensures \result == i + 1;
      @   assignable \strictly_nothing;
      @*/
    public int next(int i) {
        return i + 1;
    }

    /** The {@code i}-th area in address order. */
    /*@ public normal_behavior
      @   requires 0 <= i && i < count;
      @   ensures \result == areas[i] && \result != null;
      @   assignable \strictly_nothing;
      @*/
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
    /*@ public normal_behavior
      @   ensures -1 <= \result && \result < count;
      @   ensures \result == -1 ==> (\forall int k; 0 <= k && k < count; (ends[k] < 0 ? (addr < 0 && ends[k] < addr) : (addr < 0 || ends[k] < addr)));
      @   ensures \result >= 0 ==> !(ends[\result] < 0 ? (addr < 0 && ends[\result] < addr) : (addr < 0 || ends[\result] < addr))
      @       && (\forall int k; 0 <= k && k < \result; (ends[k] < 0 ? (addr < 0 && ends[k] < addr) : (addr < 0 || ends[k] < addr)));
      @   assignable \strictly_nothing;
      @*/
    public int lowestEndingAtOrAbove(long addr) {
        int lo = 0;
        int hi = count;
        /*@ loop_invariant 0 <= lo && lo <= hi && hi <= count;
          @ loop_invariant (\forall int k; 0 <= k && k < lo; (ends[k] < 0 ? (addr < 0 && ends[k] < addr) : (addr < 0 || ends[k] < addr)));
          @ loop_invariant (\forall int k; hi <= k && k < count; !(ends[k] < 0 ? (addr < 0 && ends[k] < addr) : (addr < 0 || ends[k] < addr)));
          @ decreases hi - lo;
          @ assignable \strictly_nothing;
          @*/
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
    /*@ public normal_behavior
      @   requires 0 <= first && first < count;
      @   ensures \result <==> (first + 1 < count && ends[first] == addr && starts[first + 1] == addr);
      @   assignable \strictly_nothing;
      @*/
    public boolean isDescentTie(int first, long addr) {
        return first + 1 < count && ends[first] == addr && starts[first + 1] == addr;
    }

    /**
     * The number of areas with {@code va_end <= addr}: the in-order position at which
     * {@code __find_vmap_area} and {@code __insert_vmap_area} leave the areas below {@code addr}.
     */
    /*@ private normal_behavior
      @   ensures 0 <= \result && \result <= count;
      @   ensures (\forall int k; 0 <= k && k < \result; (ends[k] < 0 ? (addr < 0 && ends[k] <= addr) : (addr < 0 || ends[k] <= addr)));
      @   ensures (\forall int k; \result <= k && k < count; !(ends[k] < 0 ? (addr < 0 && ends[k] <= addr) : (addr < 0 || ends[k] <= addr)));
      @   assignable \strictly_nothing;
      @*/
    private int countEndingAtOrBelow(long addr) {
        int lo = 0;
        int hi = count;
        /*@ loop_invariant 0 <= lo && lo <= hi && hi <= count;
          @ loop_invariant (\forall int k; 0 <= k && k < lo; (ends[k] < 0 ? (addr < 0 && ends[k] <= addr) : (addr < 0 || ends[k] <= addr)));
          @ loop_invariant (\forall int k; hi <= k && k < count; !(ends[k] < 0 ? (addr < 0 && ends[k] <= addr) : (addr < 0 || ends[k] <= addr)));
          @ decreases hi - lo;
          @ assignable \strictly_nothing;
          @*/
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
    /*@ public normal_behavior
      @   ensures \result == null <==>
      @       !(\exists int k; 0 <= k && k < count; (starts[k] < 0 ? (addr < 0 && starts[k] <= addr) : (addr < 0 || starts[k] <= addr)) && (addr < 0 ? (ends[k] < 0 && addr < ends[k]) : (ends[k] < 0 || addr < ends[k])));
      @   ensures \result != null ==>
      @       (\exists int k; 0 <= k && k < count; areas[k] == \result
      @           && (starts[k] < 0 ? (addr < 0 && starts[k] <= addr) : (addr < 0 || starts[k] <= addr)) && (addr < 0 ? (ends[k] < 0 && addr < ends[k]) : (ends[k] < 0 || addr < ends[k])));
      @   assignable \strictly_nothing;
      @*/
    public /*@ nullable @*/ VmapArea find(long addr) {
        int i = countEndingAtOrBelow(addr);
        if (i < count && Ulong.le(starts[i], addr)) {
            return areas[i];
        }
        return null;
    }

    /** The index of {@code va} in address order, or -1 when it is not in the tree. */
    /*@ public normal_behavior
      @   requires va != null && \invariant_for(va);
      @   ensures -1 <= \result && \result < count;
      @   ensures \result >= 0 ==> areas[\result] == va;
      @   // an area is in the tree at most once (INV-ORDER and INV-NONEMPTY give it)
      @   ensures \result >= 0 ==> (\forall int k; 0 <= k && k < count && k != \result; areas[k] != va);
      @   ensures \result == -1 <==> (\forall int k; 0 <= k && k < count; areas[k] != va);
      @   assignable \strictly_nothing;
      @*/
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
    /*@ public normal_behavior
      @   requires va != null && \invariant_for(va);
      @   ensures 0 <= \result && \result <= count;
      @   ensures (\forall int k; 0 <= k && k < \result; (ends[k] < 0 ? (va.vaStart < 0 && ends[k] <= va.vaStart) : (va.vaStart < 0 || ends[k] <= va.vaStart)));
      @   ensures (\forall int k; \result <= k && k < count; !(ends[k] < 0 ? (va.vaStart < 0 && ends[k] <= va.vaStart) : (va.vaStart < 0 || ends[k] <= va.vaStart)));
      @   assignable \strictly_nothing;
      @*/
    public int insertPosition(VmapArea va) {
        return countEndingAtOrBelow(va.vaStart);
    }

    /**
     * Whether {@code va}, linked at {@code pos}, would overlap its in-order successor. The kernel's
     * {@code __insert_vmap_area} does not catch that overlap (it goes left); only the ALIGN()
     * wrap-around of finding F-ALIGN-WRAP produces it.
     */
    /*@ public normal_behavior
      @   requires va != null && \invariant_for(va) && 0 <= pos && pos <= count;
      @   ensures \result <==> (pos < count && (starts[pos] < 0 ? (va.vaEnd < 0 && starts[pos] < va.vaEnd) : (va.vaEnd < 0 || starts[pos] < va.vaEnd)));
      @   ensures !\result ==> (\forall int k; pos <= k && k < count; (va.vaEnd < 0 ? (starts[k] < 0 && va.vaEnd <= starts[k]) : (starts[k] < 0 || va.vaEnd <= starts[k])));
      @   assignable \strictly_nothing;
      @*/
    public boolean overlapsSuccessor(int pos, VmapArea va) {
        return pos < count && Ulong.lt(starts[pos], va.vaEnd);
    }

    /**
     * {@code __insert_vmap_area(va)}, tree half: the descent's in-order position
     * ({@link #insertPosition}), then {@code rb_link_node} there ({@link #insert}). Where the kernel
     * would link {@code va} over its successor (finding F-ALIGN-WRAP, {@link #overlapsSuccessor}),
     * the reference stops before changing anything. Spec OP-ALLOC-FOUND; keeps INV-NONEMPTY and
     * INV-ORDER.
     *
     * @throws OutsideModel when {@code va} overlaps the area at its position
     */
    /*@ public behavior
      @   requires va != null && \invariant_for(va) && (va.vaStart < 0 ? (va.vaEnd < 0 && va.vaStart < va.vaEnd) : (va.vaEnd < 0 || va.vaStart < va.vaEnd));
      @   requires count < Integer.MAX_VALUE / 2;
      @   ensures count == \old(count) + 1 && (\exists int k; 0 <= k && k < count; areas[k] == va);
      @   signals_only OutsideModel;
      @   signals (OutsideModel e) count == \old(count)
      @       && (\forall int k; 0 <= k && k < count; areas[k] == \old(areas[k]));
      @   assignable count, starts, ends, areas, starts[*], ends[*], areas[*];
      @*/
    public void insertVmapArea(VmapArea va) {
        int pos = insertPosition(va);
        if (overlapsSuccessor(pos, va)) {
            throw new OutsideModel(va, areas[pos]);
        }
        insert(pos, va);
    }

    /**
     * {@code rb_link_node} and {@code rb_insert_color} of {@code __insert_vmap_area(va)}
     * ({@link #insertVmapArea}): link {@code va} at in-order position {@code pos}, which must be
     * {@link #insertPosition} and not overlap ({@link #overlapsSuccessor}).
     */
    /*@ public normal_behavior
      @   requires va != null && \invariant_for(va) && (va.vaStart < 0 ? (va.vaEnd < 0 && va.vaStart < va.vaEnd) : (va.vaEnd < 0 || va.vaStart < va.vaEnd));
      @   requires 0 <= pos && pos <= count && count < Integer.MAX_VALUE / 2;
      @   requires (\forall int k; 0 <= k && k < pos; (ends[k] < 0 ? (va.vaStart < 0 && ends[k] <= va.vaStart) : (va.vaStart < 0 || ends[k] <= va.vaStart)));
      @   requires (\forall int k; pos <= k && k < count; (va.vaEnd < 0 ? (starts[k] < 0 && va.vaEnd <= starts[k]) : (starts[k] < 0 || va.vaEnd <= starts[k])));
      @   ensures count == \old(count) + 1 && areas[pos] == va;
      @   ensures (\forall int k; 0 <= k && k < pos; areas[k] == \old(areas[k]));
      @   ensures (\forall int k; pos < k && k < count; areas[k] == \old(areas[k - 1]));
      @   assignable count, starts, ends, areas, starts[*], ends[*], areas[*];
      @*/
    public void insert(int pos, VmapArea va) {
        if (count == areas.length) {
            grow();
        }
        shiftUp(pos);
        link(pos, va);
    }

    /**
     * {@code rb_link_node}: fills slot {@code pos}, which {@link #shiftUp} has just freed, with
     * {@code va}. Its contract is where the class invariants come back: the other slots bring what
     * shiftUp's cases 1 and 2 ensure, {@code va} fits between its neighbours.
     */
    /*@ private normal_behavior
      @   requires starts != null && ends != null && areas != null && starts != ends;
      @   requires starts.length == ends.length && ends.length == areas.length;
      @   requires \typeof(areas) == \type(VmapArea[]);
      @   requires 0 <= pos && pos <= count && count < areas.length;
      @   requires va != null && \invariant_for(va) && (va.vaStart < 0 ? (va.vaEnd < 0 && va.vaStart < va.vaEnd) : (va.vaEnd < 0 || va.vaStart < va.vaEnd));
      @   requires (\forall int k; 0 <= k && k < pos; (ends[k] < 0 ? (va.vaStart < 0 && ends[k] <= va.vaStart) : (va.vaStart < 0 || ends[k] <= va.vaStart)));
      @   requires (\forall int k; pos < k && k <= count; (va.vaEnd < 0 ? (starts[k] < 0 && va.vaEnd <= starts[k]) : (starts[k] < 0 || va.vaEnd <= starts[k])));
      @   requires (\forall int a, b; 0 <= a && a < b && b <= count && a != pos && b != pos; (ends[a] < 0 ? (starts[b] < 0 && ends[a] <= starts[b]) : (starts[b] < 0 || ends[a] <= starts[b])));
      @   requires (\forall int k; 0 <= k && k <= count && k != pos;
      @       areas[k] != null && areas[k].vaStart == starts[k] && areas[k].vaEnd == ends[k]);
      @   requires (\forall int k; 0 <= k && k <= count && k != pos; Long.MIN_VALUE <= starts[k] && starts[k] <= Long.MAX_VALUE
      @       && Long.MIN_VALUE <= ends[k] && ends[k] <= Long.MAX_VALUE);
      @   requires (\forall int k; 0 <= k && k <= count && k != pos; (starts[k] < 0 ? (ends[k] < 0 && starts[k] < ends[k]) : (ends[k] < 0 || starts[k] < ends[k])));
      @   ensures count == \old(count) + 1 && areas[pos] == va;
      @   ensures (\forall int k; 0 <= k && k < count && k != pos; areas[k] == \old(areas[k]));
      @   ensures \invariant_for(this);
      @   assignable count, starts[pos], ends[pos], areas[pos];
      @*/
    private /*@ helper @*/ void link(int pos, VmapArea va) {
        starts[pos] = va.vaStart;
        ends[pos] = va.vaEnd;
        areas[pos] = va;
        count++;
    }

    /*@ private normal_behavior
      @   requires count == areas.length && count < Integer.MAX_VALUE / 2;
      @   ensures \fresh(starts) && \fresh(ends) && \fresh(areas) && starts != ends;
      @   ensures starts.length == ends.length && ends.length == areas.length && count < areas.length;
      @   ensures \typeof(areas) == \type(VmapArea[]);
      @   ensures (\forall int k; 0 <= k && k < count; starts[k] == \old(starts[k])
      @       && ends[k] == \old(ends[k]) && areas[k] == \old(areas[k]));
      @   assignable starts, ends, areas;
      @*/
    private void grow() {
        int capacity = 2 * areas.length;
        long[] s = new long[capacity];
        long[] e = new long[capacity];
        VmapArea[] a = new VmapArea[capacity];
        /*@ loop_invariant 0 <= i && i <= count;
          @ loop_invariant (\forall int k; 0 <= k && k < i; s[k] == starts[k] && e[k] == ends[k] && a[k] == areas[k]);
          @ decreases count - i;
          @ assignable s[*], e[*], a[*];
          @*/
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
    /*@ public normal_behavior
      @   requires 0 <= i && i < count;
      @   ensures count == \old(count) - 1;
      @   ensures (\forall int k; 0 <= k && k < i; areas[k] == \old(areas[k])
      @       && starts[k] == \old(starts[k]) && ends[k] == \old(ends[k]));
      @   ensures (\forall int k; i <= k && k < count; areas[k] == \old(areas[k + 1]));
      @   assignable count, starts[*], ends[*], areas[*];
      @*/
    public void remove(int i) {
        shiftDown(i);
        count--;
        areas[count] = null;
    }

    /**
     * Moves the areas from {@code pos} on one slot up, leaving slot {@code pos} to be overwritten.
     * Three contract cases, proven separately (as for {@link #shiftDown}): the slots move; the
     * {@code count + 1} slots other than {@code pos} keep INV-ORDER; they keep the per-area
     * invariants. {@link #insert} fills slot {@code pos} with the new area.
     */
    /*@ private normal_behavior
      @   requires starts != null && ends != null && areas != null && starts != ends;
      @   requires starts.length == ends.length && ends.length == areas.length;
      @   requires 0 <= pos && pos <= count && count < areas.length;
      @   ensures (\forall int k; 0 <= k && k <= pos; starts[k] == \old(starts[k])
      @       && ends[k] == \old(ends[k]) && areas[k] == \old(areas[k]));
      @   ensures (\forall int k; pos < k && k <= count; starts[k] == \old(starts[k - 1])
      @       && ends[k] == \old(ends[k - 1]) && areas[k] == \old(areas[k - 1]));
      @   assignable starts[pos + 1 .. count], ends[pos + 1 .. count], areas[pos + 1 .. count];
      @ also private normal_behavior
      @   requires starts != null && ends != null && areas != null && starts != ends;
      @   requires starts.length == ends.length && ends.length == areas.length;
      @   requires 0 <= pos && pos <= count && count < areas.length;
      @   requires (\forall int a, b; 0 <= a && a < b && b < count; (ends[a] < 0 ? (starts[b] < 0 && ends[a] <= starts[b]) : (starts[b] < 0 || ends[a] <= starts[b])));
      @   ensures (\forall int a, b; 0 <= a && a < b && b <= count && a != pos && b != pos; (ends[a] < 0 ? (starts[b] < 0 && ends[a] <= starts[b]) : (starts[b] < 0 || ends[a] <= starts[b])));
      @   assignable starts[pos + 1 .. count], ends[pos + 1 .. count], areas[pos + 1 .. count];
      @ also private normal_behavior
      @   requires starts != null && ends != null && areas != null && starts != ends;
      @   requires starts.length == ends.length && ends.length == areas.length;
      @   requires 0 <= pos && pos <= count && count < areas.length;
      @   requires (\forall int k; 0 <= k && k < count;
      @       areas[k] != null && areas[k].vaStart == starts[k] && areas[k].vaEnd == ends[k]);
      @   requires (\forall int k; 0 <= k && k < count; Long.MIN_VALUE <= starts[k] && starts[k] <= Long.MAX_VALUE
      @       && Long.MIN_VALUE <= ends[k] && ends[k] <= Long.MAX_VALUE);
      @   requires (\forall int k; 0 <= k && k < count; (starts[k] < 0 ? (ends[k] < 0 && starts[k] < ends[k]) : (ends[k] < 0 || starts[k] < ends[k])));
      @   ensures (\forall int k; 0 <= k && k <= count && k != pos;
      @       areas[k] != null && areas[k].vaStart == starts[k] && areas[k].vaEnd == ends[k]);
      @   ensures (\forall int k; 0 <= k && k <= count && k != pos; Long.MIN_VALUE <= starts[k] && starts[k] <= Long.MAX_VALUE
      @       && Long.MIN_VALUE <= ends[k] && ends[k] <= Long.MAX_VALUE);
      @   ensures (\forall int k; 0 <= k && k <= count && k != pos; (starts[k] < 0 ? (ends[k] < 0 && starts[k] < ends[k]) : (ends[k] < 0 || starts[k] < ends[k])));
      @   assignable starts[pos + 1 .. count], ends[pos + 1 .. count], areas[pos + 1 .. count];
      @*/
    private /*@ helper @*/ void shiftUp(int pos) {
        /*@ loop_invariant pos <= i && i <= count;
          @ loop_invariant (\forall int k; 0 <= k && k <= i; starts[k] == \old(starts[k])
          @     && ends[k] == \old(ends[k]) && areas[k] == \old(areas[k]));
          @ loop_invariant (\forall int k; i < k && k <= count; starts[k] == \old(starts[k - 1])
          @     && ends[k] == \old(ends[k - 1]) && areas[k] == \old(areas[k - 1]));
          @ decreases i;
          @ assignable starts[pos + 1 .. count], ends[pos + 1 .. count], areas[pos + 1 .. count];
          @*/
        for (int i = count; i > pos; i--) {
            starts[i] = starts[i - 1];
            ends[i] = ends[i - 1];
            areas[i] = areas[i - 1];
        }
    }

    /**
     * Moves the areas after {@code i} one slot down, over the area at {@code i}. Three contract
     * cases, proven separately so that each proof sees only what it needs (as for
     * {@link #shiftUp}): the slots move; the {@code count - 1} areas left keep INV-ORDER; they keep
     * the per-area invariants (representation, Java long range, INV-NONEMPTY).
     */
    /*@ private normal_behavior
      @   requires starts != null && ends != null && areas != null && starts != ends;
      @   requires starts.length == ends.length && ends.length == areas.length;
      @   requires 0 <= i && i < count && count <= areas.length;
      @   ensures (\forall int k; 0 <= k && k < i; starts[k] == \old(starts[k])
      @       && ends[k] == \old(ends[k]) && areas[k] == \old(areas[k]));
      @   ensures (\forall int k; i <= k && k < count - 1; starts[k] == \old(starts[k + 1])
      @       && ends[k] == \old(ends[k + 1]) && areas[k] == \old(areas[k + 1]));
      @   assignable starts[i .. count - 2], ends[i .. count - 2], areas[i .. count - 2];
      @ also private normal_behavior
      @   requires starts != null && ends != null && areas != null && starts != ends;
      @   requires starts.length == ends.length && ends.length == areas.length;
      @   requires 0 <= i && i < count && count <= areas.length;
      @   // INV-ORDER before and after (the class invariant's text, for count and count - 1)
      @   requires (\forall int a, b; 0 <= a && a < b && b < count; (ends[a] < 0 ? (starts[b] < 0 && ends[a] <= starts[b]) : (starts[b] < 0 || ends[a] <= starts[b])));
      @   ensures (\forall int a, b; 0 <= a && a < b && b < count - 1; (ends[a] < 0 ? (starts[b] < 0 && ends[a] <= starts[b]) : (starts[b] < 0 || ends[a] <= starts[b])));
      @   assignable starts[i .. count - 2], ends[i .. count - 2], areas[i .. count - 2];
      @ also private normal_behavior
      @   requires starts != null && ends != null && areas != null && starts != ends;
      @   requires starts.length == ends.length && ends.length == areas.length;
      @   requires 0 <= i && i < count && count <= areas.length;
      @   // representation, long range and INV-NONEMPTY before (count areas) and after (count - 1)
      @   requires (\forall int k; 0 <= k && k < count;
      @       areas[k] != null && areas[k].vaStart == starts[k] && areas[k].vaEnd == ends[k]);
      @   requires (\forall int k; 0 <= k && k < count; Long.MIN_VALUE <= starts[k] && starts[k] <= Long.MAX_VALUE
      @       && Long.MIN_VALUE <= ends[k] && ends[k] <= Long.MAX_VALUE);
      @   requires (\forall int k; 0 <= k && k < count; (starts[k] < 0 ? (ends[k] < 0 && starts[k] < ends[k]) : (ends[k] < 0 || starts[k] < ends[k])));
      @   ensures (\forall int k; 0 <= k && k < count - 1;
      @       areas[k] != null && areas[k].vaStart == starts[k] && areas[k].vaEnd == ends[k]);
      @   ensures (\forall int k; 0 <= k && k < count - 1; Long.MIN_VALUE <= starts[k] && starts[k] <= Long.MAX_VALUE
      @       && Long.MIN_VALUE <= ends[k] && ends[k] <= Long.MAX_VALUE);
      @   ensures (\forall int k; 0 <= k && k < count - 1; (starts[k] < 0 ? (ends[k] < 0 && starts[k] < ends[k]) : (ends[k] < 0 || starts[k] < ends[k])));
      @   assignable starts[i .. count - 2], ends[i .. count - 2], areas[i .. count - 2];
      @*/
    private /*@ helper @*/ void shiftDown(int i) {
        /*@ loop_invariant i <= j && j <= count - 1;
          @ loop_invariant (\forall int k; i <= k && k < j; starts[k] == \old(starts[k + 1])
          @     && ends[k] == \old(ends[k + 1]) && areas[k] == \old(areas[k + 1]));
          @ loop_invariant (\forall int k; j <= k && k < count; starts[k] == \old(starts[k])
          @     && ends[k] == \old(ends[k]) && areas[k] == \old(areas[k]));
          @ decreases count - j;
          @ assignable starts[i .. count - 2], ends[i .. count - 2], areas[i .. count - 2];
          @*/
        for (int j = i; j < count - 1; j++) {
            starts[j] = starts[j + 1];
            ends[j] = ends[j + 1];
            areas[j] = areas[j + 1];
        }
    }
}
