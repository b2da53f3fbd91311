package vmapref.fuzz;

import java.util.List;

/**
 * A generated trace: the ranges its allocations use (several share one tree) and its steps. Its
 * {@link #toString()} is the trace as the port resolves it, in the trace format, so that jqwik's
 * (shrunk) sample can be pasted into {@code vmapref replay}.
 */
record Program(List<Range> ranges, List<Step> steps) {
    @Override
    public String toString() {
        return "\n" + CheckedRun.of(this).traceText();
    }
}
