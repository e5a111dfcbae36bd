package io.github.vcl.config;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The secrets a deployment has, and the configuration names each may hold. A function names the secrets it reads in
 * {@code VCL_SECRET_<KIND>} variables (template.yaml declares the same lists in {@code Metadata/vcl:SecretKeys}); an
 * entry a secret may not hold is refused, so whoever can write one secret cannot set another secret's names through
 * it (say, the Vipps client secret through the staff secret).
 */
public enum SecretKind {
    /** The sales unit's Vipps MobilePay API keys. */
    VIPPS("vipps\\.client-id", "vipps\\.client-secret", "vipps\\.subscription-key"),
    /** The shop server's API key, and the next one during a rotation. */
    SHOP("vcl\\.shop-api-key", "vcl\\.shop-api-key-next"),
    /** Each staff member's API key and rights. */
    STAFF("vcl\\.staff\\.[A-Za-z0-9_-]{1,40}\\.api-key", "vcl\\.staff\\.[A-Za-z0-9_-]{1,40}\\.rights"),
    /** The key that signs per-session callback and return-page tokens. */
    TOKEN("vcl\\.token-secret"),
    /** The secret Vipps signs webhook deliveries with, and the next one during a rotation. */
    WEBHOOK("vcl\\.webhook-secret", "vcl\\.webhook-secret-next");

    private final List<Pattern> names;

    SecretKind(String... names) {
        this.names = java.util.Arrays.stream(names).map(Pattern::compile).toList();
    }

    /** The environment variable that holds this secret's ARN: {@code VCL_SECRET_VIPPS}, … */
    public String variable() {
        return "VCL_SECRET_" + name();
    }

    /** The names as template.yaml writes them, {@code <id>} standing for a staff id. */
    public List<String> declaredNames() {
        return names.stream().map(p -> p.pattern().replace("\\.", ".").replace("[A-Za-z0-9_-]{1,40}", "<id>"))
                .toList();
    }

    public boolean mayHold(String name) {
        return names.stream().anyMatch(p -> p.matcher(name).matches());
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
