package vmapref.fuzz;

/**
 * A {@code [vstart, vend]} pair that generated allocations use. Several ranges share one tree, as
 * the kernel's callers (vmalloc, modules, ioremap, per-cpu) share {@code vmap_area_root}.
 *
 * @param name short name, for statistics
 * @param vstart VSTART of the alloc lines
 * @param vend VEND of the alloc lines
 */
record Range(String name, long vstart, long vend) {
    /** x86_64 {@code VMALLOC_START .. VMALLOC_END} (32 TiB). */
    static final Range VMALLOC = new Range("vmalloc", 0xffffc90000000000L, 0xffffe8ffffffffffL);
    /** x86_64 {@code MODULES_VADDR .. MODULES_END} (1.5 GiB). */
    static final Range MODULES = new Range("modules", 0xffffffffa0000000L, 0xffffffffff000000L);
    /** 8 pages, low, alone: fills up after a few allocations. */
    static final Range TINY_LOW = new Range("tiny-low", 0x10000000L, 0x10008000L);
    /** 4 pages at the bottom of the vmalloc range: shares its areas and its cache. */
    static final Range TINY_IN_VMALLOC = new Range("tiny-in-vmalloc", 0xffffc90000004000L, 0xffffc90000008000L);
    /** 16 pages from a vstart that is not page-aligned. */
    static final Range TINY_UNALIGNED = new Range("tiny-unaligned", 0x20000800L, 0x20010000L);
    /** The last 256 pages below 2^64, vend = 2^64 - 1: every wrap check is close. */
    static final Range TOP = new Range("top", 0xfffffffffff00000L, 0xffffffffffffffffL);
    /** 15 pages ending one page below 2^64. */
    static final Range TOP_PAGE = new Range("top-page", 0xffffffffffff0000L, 0xfffffffffffff000L);
    /** 4 pages that end where {@link #SPLIT_HIGH} starts: the tree-descent tie at their border. */
    static final Range SPLIT_LOW = new Range("split-low", 0x30000000L, 0x30004000L);
    /** 12 pages starting where {@link #SPLIT_LOW} ends. */
    static final Range SPLIT_HIGH = new Range("split-high", 0x30004000L, 0x30010000L);
    /** The whole address space from 0: {@code vstart == 0} (the silent-overlap case of F-ALIGN-WRAP). */
    static final Range FULL = new Range("full", 0L, 0xffffffffffffffffL);
    /** {@code vstart > vend}, vstart one page below 2^64: legal, and ALIGN(vstart) can wrap. */
    static final Range INVERTED = new Range("inverted", 0xfffffffffffff000L, 0x1000000L);
}
