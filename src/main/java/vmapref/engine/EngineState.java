package vmapref.engine;

/** What {@code replay --json}, {@code replay --state} and {@code diff} show of an engine. */
public final class EngineState {
    private EngineState() {
    }

    /** One area: {@code [start, end)} and its kernel flags (0 live, 1 lazily freed, 2 being purged). */
    public record Area(long start, long end, long flags) {
    }

    /**
     * The globals after an operation. {@code freeVmapCache} is the start of the cached area; it and
     * the three cached values are null for an engine without a cache (the naive oracle).
     */
    public record Summary(Long freeVmapCache, boolean hasCache, Long cachedHoleSize, Long cachedVstart,
            Long cachedAlign, long vmapLazyNr, int live, int lazy) {
    }
}
