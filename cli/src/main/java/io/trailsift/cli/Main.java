package io.trailsift.cli;

import io.trailsift.Case;
import io.trailsift.render.Notice;
import io.trailsift.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Entry point: {@code trailsift COMMAND ...}. Exit codes: 0 ok, 1 damaged inputs or findings at --fail-on, 2 usage error. */
// INHERIT: every command takes -h/--help (and -V/--version) too.
@Command(name = "trailsift", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        scope = CommandLine.ScopeType.INHERIT, description = "Offline forensics for AWS CloudTrail log archives.")
public final class Main {
    private static final List<Class<?>> COMMANDS = List.of(IngestCommand.class, StatsCommand.class, SqlCommand.class,
            HuntCommand.class, RulesCommand.class, KeyCommand.class, TimelineCommand.class, PrincipalCommand.class,
            IpCommand.class, InvestigateCommand.class, ReportCommand.class, VerifyCommand.class, ExportCommand.class,
            CommandLine.HelpCommand.class);

    public static final int OK = 0;
    public static final int DAMAGED_OR_FINDINGS = 1;
    /** A key, principal or event name the store does not hold: never an empty answer with exit 0. */
    public static final int NOT_FOUND = 1;
    public static final int USAGE = 2;
    /** Another program (an ingest) holds the store: retry later; nothing was wrong with the command. */
    public static final int STORE_BUSY = 3;
    /** DuckDB refused or failed the user's own SQL ({@code sql}). */
    public static final int QUERY_FAILED = 4;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of main). */
    public static int run(String... args) {
        return run(Environment.current(), args);
    }

    /** {@link #run(String...)} in {@code env}: its variables ($COLUMNS, NO_COLOR, ...) and whether the output is a terminal. */
    static int run(Environment env, String... args) {
        CommandLine cl = new CommandLine(new Main(), new Factory(env));
        // picocli builds a command's model by reflection over its options, a noticeable share of a
        // short command's start: only the command named is built; anything else (no command, an
        // option, help, a typo) gets them all, for the usage message.
        List<Class<?>> wanted = COMMANDS.stream()
                .filter(c -> c != CommandLine.HelpCommand.class)
                .filter(c -> args.length > 0 && c.getAnnotation(Command.class).name().equals(args[0]))
                .toList();
        for (Class<?> c : wanted.isEmpty() ? COMMANDS : wanted) {
            cl.addSubcommand(c);
        }
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            Notice.print(cmd.getErr(), ErrorText.of(e));
            if (e instanceof StoreException s && s.storeBusy()) {
                return STORE_BUSY;
            }
            return e instanceof SqlCommand.QueryFailed ? QUERY_FAILED : USAGE;
        });
        cl.setExitCodeExceptionMapper(e -> USAGE);
        // The message and where the help is, not the whole usage: on a small screen the usage
        // pushed the one line that says what was wrong out of sight.
        cl.setParameterExceptionHandler((e, ignored) -> {
            CommandLine cmd = e.getCommandLine();
            Notice.print(cmd.getErr(), e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, cmd.getErr());
            cmd.getErr().println("(`" + cmd.getCommandSpec().qualifiedName() + " --help` lists the options)");
            return USAGE;
        });
        for (CommandLine c : cl.getSubcommands().values()) {
            c.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(EXIT_CODES);
        }
        cl.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(EXIT_CODES);
        int code = cl.execute(args);
        if (code != OK) {
            // a script sees the number; a person at 3 a.m. should not have to look it up
            cl.getErr().println("trailsift: exit " + code + ": " + EXIT_CODES.get(String.valueOf(code)));
            cl.getErr().flush();
        }
        return code;
    }

    /** What each exit code means, in --help and on stderr when a run ends with one other than 0. */
    private static final Map<String, String> EXIT_CODES = exitCodes();

    private static Map<String, String> exitCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put(String.valueOf(OK), "done");
        codes.put(String.valueOf(DAMAGED_OR_FINDINGS), "done, but look: damaged inputs, a finding at --fail-on, "
                + "NOT VERIFIED or failed evidence, a broken rule, or nothing in the store matched what was asked");
        codes.put(String.valueOf(USAGE), "not done: a usage error, or the store or a file could not be used");
        codes.put(String.valueOf(STORE_BUSY), "not done: another program (an ingest) is using the store; retry when it finishes");
        codes.put(String.valueOf(QUERY_FAILED), "not done: the SQL query failed or was refused (the message says why)");
        return codes;
    }

    /** Makes the options that depend on the environment with it; everything else as picocli would. */
    private record Factory(Environment env) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == FormatOption.class) {
                return cls.cast(new FormatOption(env));
            }
            return cls == Display.class ? cls.cast(new Display(env)) : CommandLine.defaultFactory().create(cls);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"trailsift " + Case.build().describe()};
        }
    }
}
