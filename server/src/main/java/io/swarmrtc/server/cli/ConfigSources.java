package io.swarmrtc.server.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults for options not given as flags: the environment first, then the config file. Picocli
 * falls back to the option's own default when this returns null.
 */
final class ConfigSources implements IDefaultValueProvider {
    static final String ENV_PREFIX = "SWARMRTC_";
    private final Map<String, String> env;
    private final Properties file;

    ConfigSources(Map<String, String> env, Properties file) {
        this.env = env;
        this.file = file;
    }

    /** Loads {@code path} as a properties file (UTF-8); null means none. */
    static Properties load(Path path) throws IOException {
        Properties p = new Properties();
        if (path != null) {
            try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        }
        return p;
    }

    /** {@code --turn-secret} -> {@code SWARMRTC_TURN_SECRET}. */
    static String envName(String longOption) {
        return ENV_PREFIX + longOption.replaceFirst("^--", "").replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /** {@code --turn-secret} -> {@code turn-secret}. */
    static String propertyKey(String longOption) {
        return longOption.replaceFirst("^--", "");
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option)) {
            return null;
        }
        String name = option.longestName();
        if (name.equals("--help") || name.equals("--version") || name.equals("--config")) {
            return null;
        }
        String fromEnv = env.get(envName(name));
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv;
        }
        String fromFile = file.getProperty(propertyKey(name));
        return fromFile == null ? null : fromFile.trim();
    }
}
