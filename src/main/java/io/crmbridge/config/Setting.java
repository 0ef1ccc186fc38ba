package io.crmbridge.config;

import java.util.Optional;
import java.util.function.Function;
import org.apache.camel.spi.PropertiesComponent;

/**
 * One crm-bridge property, declared once in {@link Settings}, in the manner of Kafka Connect's {@code ConfigDef} key
 * and NiFi's {@code PropertyDescriptor}: its name, type (with the values it allows), default, unit, the product
 * feature that uses it (PRODUCT.md ids such as {@code L1}), its group in the configuration reference, whether it is a
 * secret, and the sentence docs/configuration.md shows for it. The code reads its value through {@link #read}, so that
 * a name or a default is never written twice.
 *
 * @param <T> the type of the value the code uses
 */
public final class Setting<T> {

    private final String name;
    private final SettingType<T> type;
    private final String defaultText;
    private final String unit;
    private final String feature;
    private final SettingGroup group;
    private final boolean secret;
    private final String doc;

    private Setting(Builder<T> b, String doc) {
        this.name = b.name;
        this.type = b.type;
        this.defaultText = b.defaultText;
        this.unit = b.unit;
        this.feature = b.feature;
        this.group = b.group;
        this.secret = b.secret;
        this.doc = doc;
    }

    /** Starts the declaration of property {@code name} of {@code type} in {@code group}. */
    static <T> Builder<T> define(SettingGroup group, String name, SettingType<T> type) {
        return new Builder<>(group, name, type);
    }

    /** The property's name, e.g. {@code crm-bridge.batch-size}. */
    public String name() {
        return name;
    }

    public SettingType<T> type() {
        return type;
    }

    /** The default as it would be written in a properties file ({@code ""} for empty). */
    public String defaultText() {
        return defaultText;
    }

    /** The unit of a number ({@code ms}, {@code s}, {@code records}), or {@code ""}. */
    public String unit() {
        return unit;
    }

    /** The PRODUCT.md feature ids that use it, e.g. {@code L4}, or a short name where no id fits. */
    public String feature() {
        return feature;
    }

    public SettingGroup group() {
        return group;
    }

    /** True for a secret: its value is never written in a log line or an error. */
    public boolean secret() {
        return secret;
    }

    /** What the property does, as docs/configuration.md says it (Markdown). */
    public String doc() {
        return doc;
    }

    /** The default, parsed. */
    public T defaultValue() {
        return parse(defaultText);
    }

    /**
     * The value in {@code source}, or the default when it is not set.
     *
     * @param source a property's value, or empty when it is not set (e.g. {@code PropertiesComponent::resolveProperty})
     * @throws InvalidSettingException when the value is not one the setting allows
     */
    public T read(Function<String, Optional<String>> source) {
        return parse(source.apply(name).orElse(defaultText));
    }

    /**
     * The value as Camel's properties give it (application.properties, the command line, system properties), or
     * the default.
     *
     * @throws InvalidSettingException when the value is not one the setting allows
     */
    public T read(PropertiesComponent properties) {
        return read(properties::resolveProperty);
    }

    /**
     * Parses a value as written (surrounding blanks ignored).
     *
     * @throws InvalidSettingException naming the property, the value (hidden for a secret) and what is allowed
     */
    public T parse(String value) {
        String trimmed = value == null ? "" : value.trim();
        try {
            return type.parse(trimmed);
        } catch (RuntimeException e) {
            // a secret's parser is never asked to explain: its message could quote the value
            boolean explained = type.explains() && !secret && e.getMessage() != null;
            throw new InvalidSettingException(name + " = " + shown(trimmed) + ": " + type.allowed()
                    + (explained ? " (" + e.getMessage() + ")" : ""));
        }
    }

    /** The error a value gets ({@link #parse}'s message), or empty when the value is allowed. */
    public Optional<String> check(String value) {
        try {
            parse(value);
            return Optional.empty();
        } catch (InvalidSettingException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** {@code value} as an error may show it: a secret's is hidden, an empty one is named so. */
    String shown(String value) {
        if (secret) {
            return "(secret, not shown)";
        }
        return value.isEmpty() ? "(empty)" : value;
    }

    @Override
    public String toString() {
        return name;
    }

    /** The declaration of a {@link Setting}; {@link #doc} ends it. */
    static final class Builder<T> {
        private final SettingGroup group;
        private final String name;
        private final SettingType<T> type;
        private String defaultText = "";
        private String unit = "";
        private String feature = "";
        private boolean secret;

        private Builder(SettingGroup group, String name, SettingType<T> type) {
            this.group = group;
            this.name = name;
            this.type = type;
        }

        Builder<T> byDefault(String value) {
            this.defaultText = value;
            return this;
        }

        Builder<T> unit(String value) {
            this.unit = value;
            return this;
        }

        Builder<T> feature(String ids) {
            this.feature = ids;
            return this;
        }

        Builder<T> secret() {
            this.secret = true;
            return this;
        }

        Setting<T> doc(String text) {
            return new Setting<>(this, text);
        }
    }
}
