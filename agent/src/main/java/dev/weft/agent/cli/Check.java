package dev.weft.agent.cli;

import dev.weft.agent.config.Config;
import dev.weft.agent.config.ConfigException;
import dev.weft.agent.config.Setting;
import dev.weft.agent.endpoint.MetricsEndpoint;
import dev.weft.instrumentation.api.InstrumentationModule;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * {@code java -jar weft-agent.jar check [setting=value,...]}: reads the settings exactly as the agent
 * would in a JVM with this environment and these system properties, validates them (the TLS files
 * included), and prints the effective configuration and the instrumentation modules. Exit status 0
 * when the agent would start, 1 when it would stay off.
 */
public final class Check {

    private Check() {}

    public static int run(String agentArgs, PrintStream out) {
        Config config;
        try {
            config = Config.load(agentArgs, System.getProperties(), System.getenv());
            MetricsEndpoint.security(config);
        } catch (ConfigException e) {
            out.println("weft: " + e.getMessage() + "; the agent would be disabled");
            return 1;
        }
        for (String warning : config.warnings()) {
            out.println("weft: " + warning);
        }
        out.println("Effective configuration (environment variable = value, where it was set):");
        int width = 0;
        for (Setting s : Setting.values()) {
            width = Math.max(width, s.environmentVariable().length());
        }
        for (Setting s : Setting.values()) {
            String source = config.sourceOf(s);
            String value = config.rawValue(s);
            if (s.environmentVariable().contains("PASSWORD") && !value.isEmpty() && !s.environmentVariable().endsWith("_FILE")) {
                value = "(set, not shown)";
            }
            out.println("  " + pad(s.environmentVariable(), width) + " = " + (value.isEmpty() ? "(empty)" : value)
                    + (source == null ? "   (default)" : "   (" + source + ")"));
        }
        List<String> enabled = new ArrayList<String>();
        List<String> disabled = new ArrayList<String>();
        for (InstrumentationModule module : ServiceLoader.load(InstrumentationModule.class, Check.class.getClassLoader())) {
            (config.disabledInstrumentations().contains(module.name()) ? disabled : enabled).add(module.name());
        }
        out.println("Instrumentations: " + (enabled.isEmpty() ? "none" : String.join(", ", enabled)));
        if (!disabled.isEmpty()) {
            out.println("Disabled: " + String.join(", ", disabled));
        }
        out.println(config.enabled()
                ? String.format(Locale.ROOT, "The agent would serve metrics on %s:%d%s.", config.host(), config.port(), config.metricsPath())
                : "The agent would stay off (WEFT_ENABLED=false).");
        return 0;
    }

    private static String pad(String s, int width) {
        StringBuilder b = new StringBuilder(s);
        while (b.length() < width) {
            b.append(' ');
        }
        return b.toString();
    }
}
