package vmapref.proofs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lemmas that KeY 2.12.3 cannot prove and the SMT solver cvc5 proves outside it: the
 * SMT-LIB files in {@code proofs/lemmas/} (today {@code align.smt2}, spec ALIGN-LEMMA). Each
 * {@code (check-sat)} of a file is preceded by a comment {@code ; expect: sat} or
 * {@code ; expect: unsat}; the file is run with {@code cvc5 --incremental} and a lemma is
 * {@code proven} when every answer is the expected one (an {@code unsat} proves a claim, an
 * expected {@code sat} is a non-vacuity check), {@code open} when an answer differs, and
 * {@code error} when cvc5 is missing, fails, or gives fewer answers than expected.
 */
final class SmtLemmas {
    static final String SOLVER_COMMAND = "cvc5";
    static final long TIMEOUT_SECONDS = 300;
    private static final Pattern EXPECT = Pattern.compile("(?m)^; expect: (sat|unsat)\\s*$");

    /** One lemma file's result; {@code detail} says which check differed, or why there was an error. */
    record Result(String file, String status, int checks, double seconds, String detail) {
    }

    private SmtLemmas() {
    }

    /** Checks every {@code .smt2} file of {@code dir}, in name order (none if the folder is absent). */
    static List<Result> checkAll(Path dir) throws IOException, InterruptedException {
        List<Result> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".smt2")).sorted().toList()) {
                out.add(check(f, SOLVER_COMMAND, TIMEOUT_SECONDS));
            }
        }
        return out;
    }

    /**
     * Runs {@code command} (cvc5 or, in SmtLemmasTest, a stand-in) on one file with
     * {@code --incremental}; a run longer than {@code timeoutSeconds} is stopped and is an
     * {@code error}.
     */
    static Result check(Path file, String command, long timeoutSeconds) throws IOException, InterruptedException {
        String name = file.getFileName().toString();
        List<String> expected = new ArrayList<>();
        Matcher m = EXPECT.matcher(Files.readString(file, StandardCharsets.UTF_8));
        while (m.find()) {
            expected.add(m.group(1));
        }
        // cvc5's answers go to a file, not a pipe: reading a pipe would block until cvc5 exits, and
        // the timeout below would never take effect on a hanging solver.
        Path output = Files.createTempFile("vmapref-" + name, ".out");
        try {
            long t0 = System.nanoTime();
            Process p;
            try {
                p = new ProcessBuilder(command, "--incremental", file.toString()).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
            } catch (IOException e) {
                return new Result(name, "error", expected.size(), 0,
                        "'" + command + "' could not be started (" + e.getMessage() + "); install Debian's cvc5");
            }
            boolean finished = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (!finished) {
                p.destroyForcibly().waitFor();
                return new Result(name, "error", expected.size(), seconds,
                        command + " did not finish in " + timeoutSeconds + " s");
            }
            return judge(name, command, expected, Files.readString(output, StandardCharsets.UTF_8), p.exitValue(), seconds);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Compares the solver's answers, one per line of {@code output}, with the expected ones. */
    private static Result judge(String name, String command, List<String> expected, String output, int exit, double seconds) {
        List<String> answers = output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        for (int i = 0; i < expected.size(); i++) {
            if (i >= answers.size()) {
                return new Result(name, "error", expected.size(), seconds, String.format(Locale.ROOT,
                        "%s gave %d answers for %d checks (exit %d)", command, answers.size(), expected.size(), exit));
            }
            if (!answers.get(i).equals(expected.get(i))) {
                boolean known = answers.get(i).matches("sat|unsat|unknown");
                return new Result(name, known ? "open" : "error", expected.size(), seconds, String.format(Locale.ROOT,
                        "check %d of %d: expected %s, %s said %s", i + 1, expected.size(), expected.get(i),
                        command, answers.get(i)));
            }
        }
        if (answers.size() != expected.size() || expected.isEmpty() || exit != 0) {
            return new Result(name, "error", expected.size(), seconds, String.format(Locale.ROOT,
                    "%d answers for %d '; expect:' comments (exit %d)", answers.size(), expected.size(), exit));
        }
        return new Result(name, "proven", expected.size(), seconds, "");
    }
}
