package vmapref.kernel;

/**
 * The branches of the v4.5 code that an operation went through, reported to a {@link PathListener}
 * like a tracepoint. Tests use them to check that every kernel path is exercised; {@code replay
 * --json} prints them. Names follow the kernel's labels and conditions.
 */
public enum KernelPath {
    /** {@code alloc_vmap_area}: the cache survives the four-way reset test. */
    CACHE_KEPT(FreeVmapCache.P_CACHE_KEPT),
    /** Reset because {@code !free_vmap_cache}. */
    RESET_NO_CACHE(FreeVmapCache.P_RESET_NO_CACHE),
    /** Reset because {@code size < cached_hole_size}. */
    RESET_HOLE_SIZE(FreeVmapCache.P_RESET_HOLE_SIZE),
    /** Reset because {@code vstart < cached_vstart}. */
    RESET_VSTART(FreeVmapCache.P_RESET_VSTART),
    /** Reset because {@code align < cached_align}. */
    RESET_ALIGN(FreeVmapCache.P_RESET_ALIGN),
    /** Cached path: {@code addr < vstart}, {@code goto nocache}. */
    CACHED_GOTO_NOCACHE(FreeVmapCache.P_CACHED_GOTO_NOCACHE),
    /** Cached path: {@code addr + size < addr}, {@code goto overflow}. */
    CACHED_WRAP_OVERFLOW(FreeVmapCache.P_CACHED_WRAP_OVERFLOW),
    /** Tree path: {@code ALIGN(vstart, align) + size < addr}, {@code goto overflow}. */
    TREE_WRAP_OVERFLOW(FreeVmapCache.P_TREE_WRAP_OVERFLOW),
    /** Tree path: no area ends at or above {@code addr}, {@code goto found}. */
    TREE_NO_FIRST(FreeVmapCache.P_TREE_NO_FIRST),
    /** Tree path: two areas could stop the descent (one ends where the next starts, at addr). */
    TREE_DESCENT_TIE(FreeVmapCache.P_TREE_DESCENT_TIE),
    /** {@code ALIGN()} wrapped past 2^64 (in any of its three uses). */
    ALIGN_WRAPPED(FreeVmapCache.P_ALIGN_WRAPPED),
    /** Walk: {@code cached_hole_size = first->va_start - addr}. */
    HOLE_SIZE_UPDATED(FreeVmapCache.P_HOLE_SIZE_UPDATED),
    /** Walk: {@code addr + size < addr} after {@code ALIGN(first->va_end)}, {@code goto overflow}. */
    WALK_WRAP_OVERFLOW(FreeVmapCache.P_WALK_WRAP_OVERFLOW),
    /** Walk: {@code list_is_last}, {@code goto found}. */
    WALK_LAST(FreeVmapCache.P_WALK_LAST),
    /** Walk left its loop with the request exactly filling the hole below {@code first}. */
    HOLE_EXACT_FIT(FreeVmapCache.P_HOLE_EXACT_FIT),
    /** {@code found:} with {@code addr + size > vend}, {@code goto overflow}. */
    FOUND_BEYOND_VEND(FreeVmapCache.P_FOUND_BEYOND_VEND),
    /** {@code found:} the area is inserted and cached. */
    FOUND(FreeVmapCache.P_FOUND),
    /** {@code overflow:} first failure: purge and {@code goto retry}. */
    OVERFLOW_PURGE_RETRY(0),
    /** {@code overflow:} after the retry: {@code -EBUSY}. */
    OVERFLOW_EBUSY(0),
    /** {@code __free_vmap_area} with {@code free_vmap_cache == NULL}: cache untouched. */
    FREE_CACHE_NULL(FreeVmapCache.P_FREE_CACHE_NULL),
    /** {@code __free_vmap_area}: {@code va_end < cached_vstart}, cache set to NULL. */
    FREE_CACHE_BELOW_VSTART(FreeVmapCache.P_FREE_CACHE_BELOW_VSTART),
    /** {@code __free_vmap_area}: {@code va_start <= cache->va_start}, cache to {@code rb_prev(va)}. */
    FREE_CACHE_TO_PREV(FreeVmapCache.P_FREE_CACHE_TO_PREV),
    /** As {@link #FREE_CACHE_TO_PREV}, and {@code rb_prev(va)} is NULL. */
    FREE_CACHE_TO_PREV_NULL(FreeVmapCache.P_FREE_CACHE_TO_PREV_NULL),
    /** {@code __free_vmap_area}: {@code va_start > cache->va_start}, cache untouched. */
    FREE_CACHE_KEPT(FreeVmapCache.P_FREE_CACHE_KEPT),
    /** {@code free_vmap_area_noflush}: {@code vmap_lazy_nr > lazy_max_pages()}, try-purge. */
    LAZY_THRESHOLD_CROSSED(0),
    /** {@code __purge_vmap_area_lazy}: try-lock of {@code purge_lock} failed, return. */
    PURGE_TRYLOCK_BUSY(0),
    /** {@code __purge_vmap_area_lazy}: {@code nr == 0}, nothing freed. */
    PURGE_NOTHING(0),
    /** {@code __purge_vmap_area_lazy}: {@code nr != 0}, the batch is freed. */
    PURGE_BATCH_FREED(0);

    /** The bit {@link FreeVmapCache} records for this path, or 0 for paths outside it. */
    final int bit;

    KernelPath(int bit) {
        this.bit = bit;
    }
}
