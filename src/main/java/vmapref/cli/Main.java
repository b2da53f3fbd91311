package vmapref.cli;

import java.io.BufferedOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import vmapref.engine.Engine;
import vmapref.engine.Hex;
import vmapref.engine.InvalidOperation;
import vmapref.engine.PortEngine;
import vmapref.kernel.KernelBug;
import vmapref.kernel.KernelPath;
import vmapref.kernel.OutsideModel;
import vmapref.naive.NaiveAllocator;
import vmapref.trace.Operation;
import vmapref.trace.TraceFormatException;
import vmapref.trace.TraceParser;

/**
 * The {@code vmapref} command line: {@code replay} and {@code diff} of operation traces through
 * the kernel port or the naive oracle. All output for a line is printed before the next line is
 * read; an error ends the run with {@code error: line N: <reason>} on stderr.
 */
public final class Main {
    /** Exit status: success (replay done, or diff found no divergence). */
    public static final int EXIT_OK = 0;
    /** Exit status: {@code diff} found a result that differs from the expected one. */
    public static final int EXIT_DIVERGED = 1;
    /** Exit status: wrong command-line arguments. */
    public static final int EXIT_USAGE = 2;
    /** Exit status: bad trace input (malformed line, invalid operation, kernel BUG_ON). */
    public static final int EXIT_BAD_INPUT = 3;
    /** Exit status: the input could not be read. */
    public static final int EXIT_IO = 4;
    /** Exit status: the reference itself failed (a bug in vmapref; please report it). */
    public static final int EXIT_INTERNAL = 5;

    static final String USAGE = String.join("\n",
            "usage: vmapref replay [--cpus N] [--engine port|naive] [--json] [--state] FILE|-",
            "       vmapref diff [--cpus N] [--engine port|naive] FILE|-",
            "       vmapref gen --ops N --live L --seed S [--cpus N]",
            "       vmapref --help",
            "");

    static final String HELP = USAGE + String.join("\n",
            "",
            "vmapref: reference implementation of the Linux v4.5 vmap area allocator",
            "(alloc_vmap_area and its lazy free/purge machinery, mm/vmalloc.c).",
            "",
            "commands:",
            "  replay   run the trace; print one line per operation:",
            "           0x<hex> or EBUSY for alloc, ok for free, lazyfree and purge",
            "  diff     run the trace; lines may end with '= RESULT'; stop at the first",
            "           result that differs and print the line, expected, actual result",
            "           and the allocator state just before that line",
            "  gen      write a synthetic x86_64 vmalloc workload trace of N operations",
            "           with about L live areas, the same for the same seed",
            "           (docs/performance.md)",
            "",
            "options:",
            "  --cpus N          num_online_cpus(), sets lazy_max_pages() (default 1: 8192 pages)",
            "  --engine E        port (the kernel algorithm, default) or naive (first-fit oracle)",
            "  --json            replay: one JSON object per operation, with the kernel paths",
            "                    taken, the cache globals and live/lazy area counts after it",
            "  --state           replay: print the final areas and cache globals after the results",
            "",
            "trace format (one operation per line; '#' starts a comment; numbers are decimal",
            "or 0x hex, unsigned 64-bit; page size 4096):",
            "  alloc SIZE ALIGN VSTART VEND   alloc_vmap_area",
            "  free ADDR                      free_vmap_area of the live area starting at ADDR",
            "  lazyfree ADDR                  free_vmap_area_noflush of that area",
            "  purge                          purge_vmap_area_lazy",
            "",
            "exit status: 0 ok, 1 diff divergence, 2 usage, 3 bad input (the message says",
            "'error: line N: <reason>'), 4 unreadable input, 5 internal error",
            "");

    private Main() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new BufferedOutputStream(System.out, 1 << 16), false, StandardCharsets.UTF_8);
        int status = run(args, System.in, out, System.err);
        out.flush();
        System.exit(status);
    }

    /** Runs the command line; never throws; returns the exit status. */
    public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals("gen")) {
            return TraceGenerator.run(args, out, err);
        }
        Options opts;
        try {
            opts = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return EXIT_USAGE;
        }
        if (opts.help) {
            out.print(HELP);
            out.flush();
            return EXIT_OK;
        }
        return opts.diff ? diff(opts, stdin, out, err) : replay(opts, stdin, out, err);
    }

    private static Engine newEngine(Options opts) {
        return opts.naive ? new NaiveAllocator(opts.cpus) : new PortEngine(opts.cpus);
    }

    private static Reader open(Options opts, InputStream stdin) throws IOException {
        InputStream in = opts.file.equals("-") ? stdin : new FileInputStream(opts.file);
        return new java.io.BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    private static int replay(Options opts, InputStream stdin, PrintStream out, PrintStream err) {
        Engine engine = newEngine(opts);
        List<KernelPath> paths = null;
        if (opts.json && engine instanceof PortEngine) {
            List<KernelPath> recorded = new ArrayList<>();
            ((PortEngine) engine).setPathListener(recorded::add);
            paths = recorded;
        }
        Operation op = null;
        Progress progress = Progress.forStream(err, "replay");
        try (Reader reader = open(opts, stdin)) {
            TraceParser parser = new TraceParser(reader);
            while ((op = parser.next()) != null) {
                progress.tick();
                if (paths != null) {
                    paths.clear();
                }
                Operation.Result result = Execution.run(engine, op);
                out.println(opts.json ? StateText.operationJson(op, result, engine, paths) : result.toString());
            }
            progress.done();
            if (opts.state) {
                if (opts.json) {
                    out.println(StateText.stateJson(engine));
                } else {
                    StringBuilder sb = new StringBuilder();
                    StateText.appendText(sb, engine, "# ");
                    out.print(sb);
                }
            }
            out.flush();
            return EXIT_OK;
        } catch (TraceFormatException | IOException | RuntimeException e) {
            progress.done();
            return fail(opts, op, e, out, err);
        }
    }

    private static int diff(Options opts, InputStream stdin, PrintStream out, PrintStream err) {
        Engine engine = newEngine(opts);
        List<Operation> kept = opts.file.equals("-") ? new ArrayList<>() : null;
        Operation op = null;
        int operations = 0;
        int checked = 0;
        try (Reader reader = open(opts, stdin)) {
            TraceParser parser = new TraceParser(reader);
            while ((op = parser.next()) != null) {
                if (kept != null) {
                    kept.add(op);
                }
                Operation.Result actual = Execution.run(engine, op);
                operations++;
                if (op.expected() == null) {
                    continue;
                }
                checked++;
                if (!op.expected().equals(actual)) {
                    out.println("diff: line " + op.line() + ": " + op.text());
                    out.println("  expected: " + op.expected());
                    out.println("  actual:   " + actual);
                    out.println("  state just before line " + op.line() + ":");
                    StringBuilder sb = new StringBuilder();
                    StateText.appendText(sb, stateBefore(opts, op.line(), kept), "    ");
                    out.print(sb);
                    out.flush();
                    return EXIT_DIVERGED;
                }
            }
            out.println("diff: " + operations + " operations, " + checked
                    + " with an expected result, no divergence");
            out.flush();
            return EXIT_OK;
        } catch (TraceFormatException | IOException | RuntimeException e) {
            return fail(opts, op, e, out, err);
        }
    }

    /** A fresh engine that ran every operation before {@code line} (the run is deterministic). */
    private static Engine stateBefore(Options opts, int line, List<Operation> kept)
            throws IOException, TraceFormatException {
        Engine engine = newEngine(opts);
        if (kept != null) {
            for (Operation op : kept) {
                if (op.line() >= line) {
                    break;
                }
                Execution.run(engine, op);
            }
            return engine;
        }
        try (Reader reader = open(opts, null)) {
            TraceParser parser = new TraceParser(reader);
            Operation op;
            while ((op = parser.next()) != null && op.line() < line) {
                Execution.run(engine, op);
            }
        }
        return engine;
    }

    private static int fail(Options opts, Operation op, Exception e, PrintStream out, PrintStream err) {
        out.flush();
        int status;
        String message;
        if (e instanceof TraceFormatException) {
            message = e.getMessage();
            status = EXIT_BAD_INPUT;
        } else if (e instanceof IOException) {
            message = (opts.file.equals("-") ? "standard input" : opts.file) + ": " + describe(e);
            status = EXIT_IO;
        } else if (e instanceof KernelBug) {
            message = "line " + op.line() + ": " + op.text() + ": the kernel would hit " + e.getMessage();
            status = EXIT_BAD_INPUT;
        } else if (e instanceof OutsideModel) {
            OutsideModel o = (OutsideModel) e;
            message = "line " + op.line() + ": " + op.text() + ": the kernel would insert " + Hex.range(o.area)
                    + " over the area " + Hex.range(o.existing) + " (ALIGN() wrapped past 2^64, finding"
                    + " F-ALIGN-WRAP); its later answers depend on its red-black tree shape, which vmapref"
                    + " does not model";
            status = EXIT_BAD_INPUT;
        } else if (e instanceof InvalidOperation) {
            message = "line " + op.line() + ": " + e.getMessage();
            status = EXIT_BAD_INPUT;
        } else {
            message = (op == null ? "" : "line " + op.line() + ": ") + "internal error: " + describe(e);
            status = EXIT_INTERNAL;
        }
        err.println("error: " + message);
        err.flush();
        return status;
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The parsed command line. */
    static final class Options {
        boolean help;
        boolean diff;
        boolean naive;
        boolean json;
        boolean state;
        int cpus = 1;
        String file;

        static Options parse(String[] args) {
            Options o = new Options();
            if (args.length == 0) {
                throw new IllegalArgumentException("no command given");
            }
            String command = args[0];
            if (command.equals("--help") || command.equals("-h") || command.equals("help")) {
                o.help = true;
                return o;
            }
            if (!command.equals("replay") && !command.equals("diff")) {
                throw new IllegalArgumentException("unknown command '" + command + "'");
            }
            o.diff = command.equals("diff");
            for (int i = 1; i < args.length; i++) {
                String a = args[i];
                String value = null;
                int eq = a.indexOf('=');
                if (a.startsWith("--") && eq > 0) {
                    value = a.substring(eq + 1);
                    a = a.substring(0, eq);
                }
                switch (a) {
                    case "--help":
                    case "-h":
                        o.help = true;
                        break;
                    case "--cpus":
                        value = value != null ? value : valueOf(args, ++i, a);
                        o.cpus = parseCpus(value);
                        break;
                    case "--engine":
                        value = value != null ? value : valueOf(args, ++i, a);
                        if (!value.equals("port") && !value.equals("naive")) {
                            throw new IllegalArgumentException("--engine must be port or naive, not '" + value + "'");
                        }
                        o.naive = value.equals("naive");
                        break;
                    case "--json":
                    case "--state":
                        if (o.diff) {
                            throw new IllegalArgumentException(a + " is an option of replay, not of diff");
                        }
                        if (value != null) {
                            throw new IllegalArgumentException(a + " takes no value");
                        }
                        o.json |= a.equals("--json");
                        o.state |= a.equals("--state");
                        break;
                    default:
                        if (a.startsWith("-") && !a.equals("-")) {
                            throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                        }
                        if (o.file != null) {
                            throw new IllegalArgumentException("more than one input given ('" + o.file + "' and '"
                                    + a + "')");
                        }
                        o.file = a;
                }
            }
            if (o.file == null && !o.help) {
                throw new IllegalArgumentException("no input given (a file name, or - for standard input)");
            }
            return o;
        }

        private static String valueOf(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static int parseCpus(String value) {
            try {
                int n = Integer.parseInt(value);
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("--cpus must be a whole number from 1 to " + Integer.MAX_VALUE
                    + ", not '" + value + "'");
        }
    }
}
