package vmapref.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import vmapref.cli.Execution;
import vmapref.cli.Main;
import vmapref.engine.Engine;
import vmapref.engine.PortEngine;
import vmapref.naive.NaiveAllocator;
import vmapref.trace.Operation;
import vmapref.trace.TraceFormatException;
import vmapref.trace.TraceParser;

/**
 * The benchmarks' starting state: an engine that ran a {@code vmapref gen} trace (the workload of
 * the end-to-end benchmark, docs/performance.md) until about {@code live} areas are live, then
 * purged, so that no lazily freed area is left.
 */
final class Workload {
    /** x86_64 {@code VMALLOC_START} (Linux v4.5). */
    static final long VMALLOC_START = 0xffffc90000000000L;
    /** x86_64 {@code VMALLOC_END} (Linux v4.5). */
    static final long VMALLOC_END = 0xffffe8ffffffffffL;
    /** {@code PAGE_SIZE}. */
    static final long PAGE = 4096;

    private Workload() {
    }

    /** A new engine: {@code port} (the kernel port) or {@code naive} (the first-fit oracle), one CPU. */
    static Engine engine(String name) {
        switch (name) {
            case "port":
                return new PortEngine(1);
            case "naive":
                return new NaiveAllocator(1);
            default:
                throw new IllegalArgumentException("engine must be port or naive, not " + name);
        }
    }

    /** Runs {@code gen --ops 2*live --live live --seed seed} on {@code engine}, then {@code purge}. */
    static void fill(Engine engine, int live, long seed) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, false, StandardCharsets.UTF_8);
        String[] args = {"gen", "--ops", Long.toString(2L * live), "--live", Integer.toString(live),
            "--seed", Long.toString(seed)};
        int status = Main.run(args, InputStream.nullInputStream(), out, System.err);
        if (status != Main.EXIT_OK) {
            throw new IllegalStateException("vmapref gen failed with status " + status);
        }
        TraceParser parser = new TraceParser(new StringReader(buf.toString(StandardCharsets.UTF_8)));
        try {
            Operation op;
            while ((op = parser.next()) != null) {
                Execution.run(engine, op);
            }
        } catch (IOException | TraceFormatException e) {
            throw new IllegalStateException(e);
        }
        engine.purge();
    }
}
