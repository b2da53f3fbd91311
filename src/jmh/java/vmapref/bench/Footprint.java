package vmapref.bench;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.openjdk.jol.info.GraphLayout;
import vmapref.cli.Execution;
import vmapref.engine.Engine;
import vmapref.engine.EngineState;
import vmapref.trace.Operation;
import vmapref.trace.TraceParser;

/**
 * Heap footprint of an engine after a trace: {@code java -cp ... vmapref.bench.Footprint ENGINE
 * TRACE} replays TRACE on ENGINE ({@code port} or {@code naive}) and prints, as one CSV line,
 * {@code engine,areas,live,bytes,bytes_per_area}: the areas left (live and lazily freed), the
 * live ones, and the bytes of every object reachable from the engine, measured with JOL
 * ({@link GraphLayout}), array slack included.
 */
public final class Footprint {
    private Footprint() {
    }

    public static void main(String[] args) throws Exception {
        Engine engine = Workload.engine(args[0]);
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(new FileInputStream(args[1]), StandardCharsets.UTF_8), 1 << 16)) {
            TraceParser parser = new TraceParser(in);
            Operation op;
            while ((op = parser.next()) != null) {
                Execution.run(engine, op);
            }
        }
        EngineState.Area[] areas = engine.areas();
        int live = 0;
        for (EngineState.Area a : areas) {
            if (a.flags() == 0) {
                live++;
            }
        }
        long bytes = GraphLayout.parseInstance(engine).totalSize();
        System.out.printf("%s,%d,%d,%d,%.1f%n", args[0], areas.length, live, bytes, (double) bytes / areas.length);
    }
}
