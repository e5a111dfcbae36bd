package io.github.vcl.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Reads the secrets a function declares ({@code VCL_SECRET_VIPPS}, {@code VCL_SECRET_SHOP}, … — see
 * {@link SecretKind}) from AWS Secrets Manager once, when the Lambda starts (cold start), and serves their entries as
 * configuration for the life of the container. Nothing is read when no such variable is set (tests, local runs, build
 * time).
 * <p>
 * Registered in {@code META-INF/services/io.smallrye.config.ConfigSourceFactory}. Not {@code @StaticInitSafe}: in
 * the native image it runs at run time, never while the image is built, so no secret is baked into it.
 */
public class SecretsManagerConfigSourceFactory implements ConfigSourceFactory {
    /** Above application.properties (250), below environment variables (300) and system properties (400). */
    public static final int ORDINAL = 270;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        return DeclaredSecrets.from(name -> value(context, name))
                .<Iterable<ConfigSource>>map(secrets -> List.of(source(secrets.read(secrets.kinds()))))
                .orElse(List.of());
    }

    static ConfigSource source(Map<String, String> entries) {
        return new MapBackedConfigSource("AWS Secrets Manager (VCL_SECRET_*)", entries, ORDINAL) {
        };
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        if (value != null && value.getValue() != null) {
            return value.getValue();
        }
        return System.getenv(name);
    }
}
