package dev.weft.agent.config;

/** A setting whose value cannot be used; the message names the setting, the value and what is expected. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
