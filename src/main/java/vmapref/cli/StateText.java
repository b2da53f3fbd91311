package vmapref.cli;

import java.util.List;
import vmapref.engine.Engine;
import vmapref.engine.EngineState;
import vmapref.kernel.KernelPath;
import vmapref.engine.Hex;
import vmapref.trace.Operation;

/** Text and JSON renderings of an engine's state, for {@code --state}, {@code --json} and {@code diff}. */
final class StateText {
    private StateText() {
    }

    static String flagsName(long flags) {
        if (flags == 0) {
            return "live";
        }
        if (flags == 1) {
            return "lazy";
        }
        if (flags == 2) {
            return "freeing";
        }
        return "flags=" + Hex.of(flags);
    }

    /** {@code --state} lines, each starting with {@code # } so that the output stays a trace result. */
    static void appendText(StringBuilder sb, Engine engine, String indent) {
        EngineState.Summary s = engine.summary();
        sb.append(indent).append(summaryText(s)).append('\n');
        for (EngineState.Area a : engine.areas()) {
            sb.append(indent).append("area ").append(Hex.of(a.start())).append(' ').append(Hex.of(a.end()))
                    .append(' ').append(flagsName(a.flags())).append('\n');
        }
    }

    static String summaryText(EngineState.Summary s) {
        StringBuilder sb = new StringBuilder();
        if (s.hasCache()) {
            sb.append("free_vmap_cache=").append(s.freeVmapCache() == null ? "NULL" : Hex.of(s.freeVmapCache()))
                    .append(" cached_hole_size=").append(Hex.of(s.cachedHoleSize()))
                    .append(" cached_vstart=").append(Hex.of(s.cachedVstart()))
                    .append(" cached_align=").append(Hex.of(s.cachedAlign())).append(' ');
        }
        sb.append("vmap_lazy_nr=").append(s.vmapLazyNr()).append(" live=").append(s.live()).append(" lazy=")
                .append(s.lazy());
        return sb.toString();
    }

    /** The JSON object of one executed operation ({@code replay --json}). */
    static String operationJson(Operation op, Operation.Result result, Engine engine, List<KernelPath> paths) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"line\":").append(op.line()).append(",\"op\":\"").append(op.kind().word()).append('"');
        String[] fields = op.kind().fields();
        for (int i = 0; i < fields.length; i++) {
            sb.append(",\"").append(fields[i].toLowerCase(java.util.Locale.ROOT)).append("\":\"")
                    .append(Hex.of(op.args()[i])).append('"');
        }
        sb.append(",\"result\":\"").append(result).append('"');
        if (paths != null) {
            sb.append(",\"paths\":[");
            for (int i = 0; i < paths.size(); i++) {
                sb.append(i == 0 ? "" : ",").append('"').append(paths.get(i)).append('"');
            }
            sb.append(']');
        }
        appendSummaryJson(sb, engine.summary());
        return sb.append('}').toString();
    }

    /** The final state as one JSON object ({@code replay --json --state}). */
    static String stateJson(Engine engine) {
        StringBuilder sb = new StringBuilder("{\"state\":true");
        appendSummaryJson(sb, engine.summary());
        sb.append(",\"areas\":[");
        EngineState.Area[] areas = engine.areas();
        for (int i = 0; i < areas.length; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"start\":\"").append(Hex.of(areas[i].start()))
                    .append("\",\"end\":\"").append(Hex.of(areas[i].end())).append("\",\"flags\":\"")
                    .append(flagsName(areas[i].flags())).append("\"}");
        }
        return sb.append("]}").toString();
    }

    private static void appendSummaryJson(StringBuilder sb, EngineState.Summary s) {
        if (s.hasCache()) {
            sb.append(",\"free_vmap_cache\":")
                    .append(s.freeVmapCache() == null ? "null" : "\"" + Hex.of(s.freeVmapCache()) + "\"")
                    .append(",\"cached_hole_size\":\"").append(Hex.of(s.cachedHoleSize()))
                    .append("\",\"cached_vstart\":\"").append(Hex.of(s.cachedVstart()))
                    .append("\",\"cached_align\":\"").append(Hex.of(s.cachedAlign())).append('"');
        }
        sb.append(",\"vmap_lazy_nr\":").append(s.vmapLazyNr()).append(",\"live\":").append(s.live())
                .append(",\"lazy\":").append(s.lazy());
    }
}
