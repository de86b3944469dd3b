package io.swarmrtc.server.cli;

import io.swarmrtc.server.ServerConfig;
import io.swarmrtc.server.SwarmrtcServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;

/** {@code java -jar swarmrtc-server.jar [options]}; see {@code --help}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        ServerConfig config;
        try {
            config = parse(args, System.getenv(), new PrintWriter(System.out, true));
        } catch (CommandLine.ParameterException | IllegalArgumentException e) {
            System.err.println("swarmrtc-server: " + e.getMessage());
            System.err.println("Try --help.");
            System.exit(2);
            return;
        } catch (java.io.IOException e) {
            System.err.println("swarmrtc-server: cannot read the config file: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (config == null) {
            return;   // --help or --version was printed
        }
        SwarmrtcServer server;
        try {
            server = SwarmrtcServer.start(config);
        } catch (RuntimeException e) {
            System.err.println("swarmrtc-server: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "swarmrtc-shutdown"));
    }

    /**
     * Builds the configuration from flags, environment and config file; null when usage or version
     * help was requested (and printed to {@code out}).
     */
    static ServerConfig parse(String[] args, Map<String, String> env, PrintWriter out) throws java.io.IOException {
        Path configFile = findConfigFile(args, env);
        Properties file = ConfigSources.load(configFile);
        ServerOptions options = new ServerOptions();
        CommandLine cli = new CommandLine(options).setDefaultValueProvider(new ConfigSources(env, file));
        cli.parseArgs(args);
        if (cli.isUsageHelpRequested()) {
            cli.usage(out);
            return null;
        }
        if (cli.isVersionHelpRequested()) {
            cli.printVersionHelp(out);
            return null;
        }
        return options.toConfig();
    }

    /** The config file must be known before picocli asks for defaults, so it is found first. */
    private static Path findConfigFile(String[] args, Map<String, String> env) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--config=")) {
                return Path.of(args[i].substring("--config=".length()));
            }
        }
        String fromEnv = env.get(ConfigSources.ENV_PREFIX + "CONFIG");
        return fromEnv == null || fromEnv.isEmpty() ? null : Path.of(fromEnv);
    }
}
