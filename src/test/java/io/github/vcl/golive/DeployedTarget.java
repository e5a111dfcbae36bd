package io.github.vcl.golive;

import io.github.vcl.config.DeclaredSecrets;
import io.github.vcl.config.SecretKind;
import io.github.vcl.vipps.Secret;
import io.github.vcl.vipps.VippsSettings;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deployed stack as the go-live's target. Keys come from the environment ({@code SHOP_API_KEY},
 * {@code STAFF_API_KEY}, {@code VIPPS_CLIENT_ID}, {@code VIPPS_CLIENT_SECRET}, {@code VIPPS_SUBSCRIPTION_KEY}: the
 * names {@code infra/create-secrets.sh} reads) or, with {@code --stack NAME}, from the stack's own Secrets Manager
 * secrets {@code vcl/NAME/vipps|shop|staff}, read the way the functions read them ({@link DeclaredSecrets}, with the
 * AWS credentials of the environment). Values are never printed; a missing one is named.
 */
final class DeployedTarget {
    static final URI VIPPS_TEST = URI.create("https://apitest.vipps.no");
    static final URI VIPPS_PRODUCTION = URI.create("https://api.vipps.no");
    private static final Pattern API_REGION = Pattern.compile("\\.execute-api\\.([a-z0-9-]+)\\.amazonaws\\.com");
    private static final Set<String> STAFF_RIGHTS = Set.of("capture", "refund", "cancel", "support");

    private DeployedTarget() {
    }

    static Target resolve(GoLiveOptions options, UnaryOperator<String> env) {
        URI api = options.api().orElseThrow(() -> new GoLiveOptions.Usage("say which stack to go live with: "
                + "--api <the stack's ApiUrl output> (or --local for the local run)"));
        String region = options.region().or(() -> Optional.ofNullable(env.apply("AWS_REGION")))
                .or(() -> regionOf(api)).orElse(null);
        Map<String, String> secrets = options.stack().map(stack -> read(stack, region, env)).orElse(Map.of());
        List<String> missing = new ArrayList<>();
        String shop = value(env, "SHOP_API_KEY", secrets, "vcl.shop-api-key", missing);
        String staff = Optional.ofNullable(blankToNull(env.apply("STAFF_API_KEY")))
                .orElseGet(() -> staffKey(secrets, options.staff(), missing));
        String clientId = value(env, "VIPPS_CLIENT_ID", secrets, "vipps.client-id", missing);
        String clientSecret = value(env, "VIPPS_CLIENT_SECRET", secrets, "vipps.client-secret", missing);
        String subscription = value(env, "VIPPS_SUBSCRIPTION_KEY", secrets, "vipps.subscription-key", missing);
        String msn = options.msn().orElseGet(() -> blankToNull(env.apply("VIPPS_MERCHANT_SERIAL_NUMBER")));
        if (msn == null) {
            missing.add("the Merchant Serial Number (--msn or VIPPS_MERCHANT_SERIAL_NUMBER; the stack parameter "
                    + "VippsMerchantSerialNumber)");
        }
        if (staff == null && missing.stream().noneMatch(m -> m.contains("staff"))) {
            missing.add("a staff key (STAFF_API_KEY)");
        }
        if (!missing.isEmpty()) {
            throw new GoLiveOptions.Usage("missing: " + String.join("; ", missing)
                    + (options.stack().isEmpty() ? ". Give them in the environment, or --stack NAME to read the "
                    + "stack's secrets from Secrets Manager" : ""));
        }
        URI vippsBase = options.production() ? VIPPS_PRODUCTION : VIPPS_TEST;
        VippsSettings vipps = VippsSettings.of(vippsBase, clientId, Secret.of(clientSecret), Secret.of(subscription),
                msn);
        String where = options.stack().map(s -> "AWS stack " + s).orElse("deployed stack") + " at " + api;
        return new Target(api, Secret.of(shop), Secret.of(staff), vipps, where, region, Optional.empty(), () -> { });
    }

    static Optional<String> regionOf(URI api) {
        Matcher m = API_REGION.matcher(api.getHost() == null ? "" : api.getHost());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The stack's secrets as {@code infra/create-secrets.sh} names them, each checked against its kind. */
    private static Map<String, String> read(String stack, String region, UnaryOperator<String> env) {
        if (region == null) {
            throw new GoLiveOptions.Usage("--stack needs the AWS region: --region or AWS_REGION");
        }
        UnaryOperator<String> declared = name -> {
            for (SecretKind kind : List.of(SecretKind.VIPPS, SecretKind.SHOP, SecretKind.STAFF)) {
                if (name.equals(kind.variable())) {
                    return "vcl/" + stack + "/" + kind.label();
                }
            }
            return name.equals("AWS_REGION") ? region : env.apply(name);
        };
        try {
            DeclaredSecrets secrets = DeclaredSecrets.from(declared).orElseThrow();
            return secrets.read(List.of(SecretKind.VIPPS, SecretKind.SHOP, SecretKind.STAFF));
        } catch (RuntimeException e) {
            throw new GoLiveOptions.Usage("could not read the secrets of stack " + stack + " from Secrets Manager "
                    + "(AWS credentials in the environment, e.g. eval \"$(aws configure export-credentials --format "
                    + "env)\"): " + e.getMessage());
        }
    }

    /** The chosen staff member's key, or the first one with every right the run needs. */
    private static String staffKey(Map<String, String> secrets, Optional<String> wanted, List<String> missing) {
        Map<String, String> rights = new TreeMap<>();
        secrets.forEach((name, value) -> {
            if (name.startsWith("vcl.staff.") && name.endsWith(".rights")) {
                rights.put(name.substring("vcl.staff.".length(), name.length() - ".rights".length()), value);
            }
        });
        Optional<String> id = wanted.or(() -> rights.entrySet().stream()
                .filter(e -> covers(e.getValue())).map(Map.Entry::getKey).findFirst());
        if (id.isEmpty()) {
            missing.add("a staff member with the rights capture, refund, cancel and support (--staff ID, or "
                    + "STAFF_API_KEY; create one with STAFF=\"golive=operations,support\" infra/create-secrets.sh)");
            return null;
        }
        String key = secrets.get("vcl.staff." + id.get() + ".api-key");
        if (key == null) {
            missing.add("the API key of staff member " + id.get());
        }
        return key;
    }

    static boolean covers(String rights) {
        Set<String> have = new java.util.HashSet<>();
        for (String right : rights.split(",")) {
            String r = right.trim().toLowerCase(java.util.Locale.ROOT);
            if (r.equals("operations")) {
                have.addAll(List.of("capture", "refund", "cancel"));
            }
            have.add(r);
        }
        return have.containsAll(STAFF_RIGHTS);
    }

    private static String value(UnaryOperator<String> env, String variable, Map<String, String> secrets,
                                String secretName, List<String> missing) {
        String value = blankToNull(env.apply(variable));
        if (value == null) {
            value = blankToNull(secrets.get(secretName));
        }
        if (value == null) {
            missing.add(variable + " (or " + secretName + " in the stack's secret)");
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
