package io.github.vcl.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vcl.auth.ApiKeys;
import io.github.vcl.config.BackendConfig;
import io.github.vcl.config.SecretKind;
import io.github.vcl.local.dynamodb.OrderTableSetup;
import io.github.vcl.local.gateway.Route;
import io.github.vcl.local.gateway.Routes;
import io.github.vcl.observe.Metric;
import io.github.vcl.store.OrderTable;
import io.github.vcl.vipps.VippsConfig;
import io.smallrye.config.WithDefault;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.github.vcl.deploy.SamTemplate.getAtt;
import static io.github.vcl.deploy.SamTemplate.list;
import static io.github.vcl.deploy.SamTemplate.map;
import static io.github.vcl.deploy.SamTemplate.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** template.yaml checked against the code: functions, routes, policies, configuration, table. */
class TemplateTest {
    /**
     * Functions the template deploys before their code exists (work on another branch). The test fails once such a
     * function exists in the code: then delete it here, and {@link #everyRouteOfTheCodeIsDeployed} checks its routes
     * from {@link Routes#ALL}. Empty since operations and support were merged.
     */
    static final Set<String> PENDING = Set.of();

    /**
     * The configuration each function needs although the mappings make it optional (so that a Lambda starts with
     * only its own secrets): read off ServiceWiring, VippsSettings and AuthorizeFunction. A function missing one of
     * these fails at its first request, so the template must provide them.
     */
    static final Map<String, Set<String>> NEEDS = Map.of(
            "initiate", Set.of("vcl.token-secret", "vcl.shop-api-key", "vipps.client-id", "vipps.client-secret",
                    "vipps.subscription-key", "vipps.merchant-serial-number"),
            "status", Set.of("vcl.shop-api-key", "vipps.client-id", "vipps.client-secret", "vipps.subscription-key",
                    "vipps.merchant-serial-number"),
            "callback", Set.of("vcl.token-secret", "vipps.merchant-serial-number"),
            "reconcile", Set.of("vipps.client-id", "vipps.client-secret", "vipps.subscription-key",
                    "vipps.merchant-serial-number"),
            "authorize", Set.of("vcl.shop-api-key", "vcl.staff.<id>.api-key", "vcl.staff.<id>.rights"),
            "operations", Set.of("vcl.shop-api-key", "vcl.staff.<id>.api-key", "vcl.staff.<id>.rights",
                    "vipps.client-id", "vipps.client-secret", "vipps.subscription-key",
                    "vipps.merchant-serial-number"),
            "support", Set.of("vcl.staff.<id>.api-key", "vcl.staff.<id>.rights", "vipps.client-id",
                    "vipps.client-secret", "vipps.subscription-key", "vipps.merchant-serial-number"),
            "webhooks", Set.of("vcl.webhook-secret", "vipps.client-id", "vipps.client-secret",
                    "vipps.subscription-key", "vipps.merchant-serial-number"));

    /**
     * Routes that carry their own credentials (Vipps' callback token, the customer's return token, the webhook
     * signature): no authorizer.
     */
    static final Pattern OWN_TOKEN_ROUTES = Pattern.compile("/(callbacks|return|webhooks)/.*");

    private static final Set<String> SECRET_KEYS = Set.of("vcl.token-secret", "vcl.shop-api-key",
            "vipps.client-id", "vipps.client-secret", "vipps.subscription-key");

    private final SamTemplate template = SamTemplate.load();

    private List<String> functions() {
        return template.ofType("AWS::Serverless::Function");
    }

    private String exportOf(String function) {
        return template.export(function).orElseThrow(() -> new AssertionError(function
                + " sets no QUARKUS_FUNQY_EXPORT"));
    }

    // ---- functions -------------------------------------------------------------------------------------------

    @Test
    void everyFunctionResourceExportsAFunctionOfTheCode() {
        Set<String> inCode = funqNames();
        assertTrue(inCode.containsAll(Set.of("initiate", "callback", "status", "reconcile", "authorize")),
                "@Funq names found in src/main/java: " + inCode);
        Set<String> exported = new HashSet<>();
        for (String function : functions()) {
            String export = exportOf(function);
            assertTrue(exported.add(export), "two function resources export '" + export + "'");
            assertTrue(inCode.contains(export) || PENDING.contains(export),
                    function + " exports '" + export + "', which no @Funq in src/main/java declares");
        }
        for (String pending : PENDING) {
            assertFalse(inCode.contains(pending), "'" + pending + "' exists in the code now: remove it from "
                    + "TemplateTest.PENDING so that its routes are checked against Routes.ALL");
        }
        assertEquals(inCode, exported.stream().filter(e -> !PENDING.contains(e)).collect(Collectors.toSet()),
                "every @Funq is deployed as its own function");
    }

    @Test
    void everyFunctionRunsTheNativeArtifactAsDocumented() {
        for (String function : functions()) {
            Map<String, Object> p = template.functionProperties(function);
            assertEquals("provided.al2023", p.get("Runtime"), function);
            assertEquals("not.used.in.provided.runtime", p.get("Handler"), function);
            assertEquals("target/function.zip", p.get("CodeUri"), function);
            assertEquals(512, p.get("MemorySize"), function);
            List<Object> architectures = list(p.get("Architectures"));
            assertEquals(1, architectures.size(), function);
            assertEquals("Architecture", ref(architectures.get(0)), function);
            assertEquals("true", String.valueOf(template.environment(function).get("DISABLE_SIGNAL_HANDLERS")),
                    function);
            Object timeout = p.get("Timeout");
            assertTrue(timeout instanceof Integer t && t > 0 && t <= 60, function + " timeout " + timeout);
        }
        Map<String, Object> architecture = map(map(template.root().get("Parameters")).get("Architecture"));
        assertEquals(List.of("x86_64", "arm64"), architecture.get("AllowedValues"));
    }

    // ---- routes ----------------------------------------------------------------------------------------------

    /** Every HttpApi event of the template: route key to the export of the function it invokes. */
    private Map<String, String> templateRoutes() {
        Map<String, String> routes = new LinkedHashMap<>();
        for (String function : functions()) {
            map(template.functionProperties(function).get("Events")).forEach((name, e) -> {
                Map<String, Object> event = map(e);
                if ("HttpApi".equals(event.get("Type"))) {
                    Map<String, Object> p = map(event.get("Properties"));
                    assertEquals("HttpApi", ref(p.get("ApiId")), function + "." + name + " belongs to the HTTP API");
                    String key = p.get("Method") + " " + p.get("Path");
                    assertNotNull(routes.put(key, exportOf(function)) == null ? "" : null, "route twice: " + key);
                }
            });
        }
        return routes;
    }

    @Test
    void everyRouteOfTheCodeIsDeployed() {
        assertEquals(List.of("HttpApi"), template.ofType("AWS::Serverless::HttpApi"), "exactly one HTTP API");
        Map<String, String> deployed = templateRoutes();
        for (Route route : Routes.ALL) {
            assertEquals(route.function(), deployed.get(route.routeKey()),
                    "route " + route.routeKey() + " in template.yaml");
        }
        Set<String> known = Routes.ALL.stream().map(Route::routeKey).collect(Collectors.toSet());
        deployed.forEach((key, export) -> assertTrue(known.contains(key) || PENDING.contains(export),
                "template.yaml routes " + key + " to " + export + ", which Routes.ALL does not know"));
    }

    @Test
    void shopAndStaffRoutesNeedAnApiKeyCallbackAndReturnRoutesCarryTheirOwnTokens() {
        Map<String, Object> auth = map(template.properties("HttpApi").get("Auth"));
        String authorizerName = (String) auth.get("DefaultAuthorizer");
        assertNotNull(authorizerName, "the HTTP API authorizes by default (fail closed)");
        Map<String, Object> authorizer = map(map(auth.get("Authorizers")).get(authorizerName));
        assertEquals(List.of(template.functionExporting("authorize"), "Arn"), getAtt(authorizer.get("FunctionArn")));
        assertEquals(true, authorizer.get("EnableFunctionDefaultPermissions"));
        assertEquals("2.0", authorizer.get("AuthorizerPayloadFormatVersion"));
        assertEquals(true, authorizer.get("EnableSimpleResponses"));
        assertEquals(List.of("Authorization"), map(authorizer.get("Identity")).get("Headers"));
        // infra/DEPLOY.md promises a revoked key is refused within 2 minutes: API Gateway may keep an "allowed" for
        // ReauthorizeEvery, and the authorizer re-reads its keys every ApiKeys.REFRESH_EVERY.
        int cached = ((Number) map(authorizer.get("Identity")).get("ReauthorizeEvery")).intValue();
        assertTrue(Duration.ofSeconds(cached).plus(ApiKeys.REFRESH_EVERY).compareTo(Duration.ofMinutes(2)) <= 0,
                "ReauthorizeEvery " + cached + " s + key refresh " + ApiKeys.REFRESH_EVERY + " exceed 2 minutes");

        for (String function : functions()) {
            map(template.functionProperties(function).get("Events")).forEach((name, e) -> {
                Map<String, Object> event = map(e);
                if (!"HttpApi".equals(event.get("Type"))) {
                    return;
                }
                Map<String, Object> p = map(event.get("Properties"));
                String path = (String) p.get("Path");
                Object routeAuthorizer = map(p.get("Auth")).get("Authorizer");
                if (OWN_TOKEN_ROUTES.matcher(path).matches()) {
                    assertEquals("NONE", routeAuthorizer, path + " carries its own token");
                } else {
                    assertTrue(routeAuthorizer == null || authorizerName.equals(routeAuthorizer),
                            path + " must be behind " + authorizerName + ", not " + routeAuthorizer);
                }
            });
        }
    }

    @Test
    void theAuthorizerKnowsTheKeysOfEveryFunctionBehindIt() {
        // A function behind the authorizer that reads an API-key secret the authorizer does not read would get
        // requests with those keys refused at the gateway.
        Map<String, Set<String>> secretKeys = new HashMap<>();
        map(map(template.root().get("Metadata")).get("vcl:SecretKeys")).forEach((secret, keys) ->
                secretKeys.put(secret, list(keys).stream().map(Object::toString).collect(Collectors.toSet())));
        Set<String> authorizerSecrets = new HashSet<>(secretsOf(template.functionExporting("authorize")));
        for (String function : functions()) {
            String export = exportOf(function);
            if (PENDING.contains(export) || export.equals("authorize")) {
                continue;
            }
            for (String secret : secretsOf(function)) {
                boolean holdsApiKeys = secretKeys.get(secret).stream().anyMatch(k -> k.endsWith("api-key"));
                assertTrue(!holdsApiKeys || authorizerSecrets.contains(secret), "the authorizer must read "
                        + secret + ", whose API keys " + export + " accepts");
            }
        }
    }

    /**
     * Every function fits its Vipps calls in its own time: it reads the Lambda's timeout from VCL_FUNCTION_TIMEOUT,
     * which must be the function's Timeout. The reconciler runs one at a time.
     */
    @Test
    void everyFunctionKnowsItsOwnTimeoutAndTheReconcilerRunsAlone() {
        for (String function : functions()) {
            Object timeout = template.functionProperties(function).get("Timeout");
            assertNotNull(timeout, function + " sets its Timeout");
            assertEquals(timeout + "s", template.environment(function).get("VCL_FUNCTION_TIMEOUT"),
                    function + ": VCL_FUNCTION_TIMEOUT is its Timeout");
        }
        assertEquals(1, template.functionProperties(template.functionExporting("reconcile"))
                .get("ReservedConcurrentExecutions"));
    }

    @Test
    void theReconcilerRunsEveryMinute() {
        String reconcile = template.functionExporting("reconcile");
        List<Map<String, Object>> schedules = map(template.functionProperties(reconcile).get("Events")).values()
                .stream().map(SamTemplate::map).filter(e -> "Schedule".equals(e.get("Type"))).toList();
        assertEquals(1, schedules.size());
        assertEquals("rate(1 minute)", map(schedules.get(0).get("Properties")).get("Schedule"));
        for (String function : functions()) {
            if (!function.equals(reconcile)) {
                assertTrue(map(template.functionProperties(function).get("Events")).values().stream()
                        .noneMatch(e -> "Schedule".equals(map(e).get("Type"))), function);
            }
        }
    }

    // ---- least privilege -------------------------------------------------------------------------------------

    @Test
    void everyFunctionHasItsOwnLeastPrivilegeRole() {
        Set<String> indexes = list(template.properties("OrdersTable").get("GlobalSecondaryIndexes")).stream()
                .map(i -> (String) map(i).get("IndexName")).collect(Collectors.toSet());
        assertTrue(indexes.contains(OrderTable.RECONCILE_INDEX), "indexes: " + indexes);
        Set<String> secretResources = secretResources();
        Set<String> roles = new HashSet<>();
        assertTrue(template.ofType("AWS::IAM::Policy").isEmpty() && template.ofType("AWS::IAM::ManagedPolicy")
                .isEmpty(), "policies live inside the roles they belong to");
        for (String function : functions()) {
            Map<String, Object> p = template.functionProperties(function);
            assertFalse(p.containsKey("Policies"), function + ": no SAM policy templates, only its own role");
            List<String> roleRef = getAtt(p.get("Role"));
            assertNotNull(roleRef, function + " names its role");
            String role = roleRef.get(0);
            assertTrue(roles.add(role), role + " is shared by two functions");
            Map<String, Object> roleProps = template.properties(role);
            assertEquals("AWS::IAM::Role", template.resource(role).get("Type"));
            assertFalse(roleProps.containsKey("ManagedPolicyArns"), role + ": no managed policies (they use '*')");
            assertTrue(roleProps.toString().contains("lambda.amazonaws.com"), role + " is for Lambda");

            String logGroup = ref(map(p.get("LoggingConfig")).get("LogGroup"));
            Set<String> secretsRead = new TreeSet<>();
            for (Object policy : list(roleProps.get("Policies"))) {
                for (Object s : list(map(map(policy).get("PolicyDocument")).get("Statement"))) {
                    Map<String, Object> statement = map(s);
                    String where = role + " " + statement.get("Sid");
                    assertEquals("Allow", statement.get("Effect"), where);
                    assertFalse(statement.containsKey("NotAction") || statement.containsKey("NotResource"), where);
                    List<Object> actions = list(statement.get("Action"));
                    List<Object> resources = list(statement.get("Resource"));
                    assertFalse(actions.isEmpty() || resources.isEmpty(), where);
                    for (Object a : actions) {
                        String action = (String) a;
                        assertFalse(action.contains("*"), where + ": wildcard action " + action);
                        assertFalse(action.equalsIgnoreCase("dynamodb:Scan"), where + ": Scan is never needed");
                        String service = action.substring(0, action.indexOf(':'));
                        for (Object resource : resources) {
                            assertFalse("*".equals(resource), where + ": resource '*'");
                            switch (service) {
                                case "logs" -> {
                                    assertTrue(Set.of("logs:CreateLogStream", "logs:PutLogEvents").contains(action),
                                            where + " " + action);
                                    assertEquals(List.of(logGroup, "Arn"), getAtt(resource),
                                            where + ": only the function's own log group");
                                }
                                case "dynamodb" -> {
                                    List<String> table = getAtt(resource);
                                    String sub = sub(resource);
                                    if (table != null) {
                                        assertEquals(List.of("OrdersTable", "Arn"), table, where);
                                        assertFalse(action.equals("dynamodb:Query"), where
                                                + ": queries go to an index, never the table");
                                    } else {
                                        assertNotNull(sub, where + ": table or index only, not " + resource);
                                        Matcher m = Pattern.compile("\\$\\{OrdersTable\\.Arn}/index/(.+)")
                                                .matcher(sub);
                                        assertTrue(m.matches() && indexes.contains(m.group(1)), where + " " + sub);
                                        assertEquals("dynamodb:Query", action, where);
                                    }
                                }
                                case "secretsmanager" -> {
                                    assertEquals("secretsmanager:GetSecretValue", action, where);
                                    String secret = ref(resource);
                                    assertTrue(secretResources.contains(secret), where + ": not a secret: "
                                            + resource);
                                    secretsRead.add(secret);
                                }
                                default -> fail(where + ": unexpected service " + action);
                            }
                        }
                    }
                }
            }
            assertEquals(new TreeSet<>(secretsOf(function)), secretsRead,
                    function + " may read exactly the secrets in its VCL_SECRET_* variables");
        }
    }

    private Set<String> secretResources() {
        Set<String> secrets = new HashSet<>(template.ofType("AWS::SecretsManager::Secret"));
        map(template.root().get("Parameters")).keySet().stream().filter(p -> p.endsWith("SecretArn"))
                .forEach(secrets::add);
        return secrets;
    }

    /** Logical ids (secret resources or ARN parameters) in the function's VCL_SECRET_&lt;KIND&gt; variables. */
    private List<String> secretsOf(String function) {
        return secretKindsOf(function).values().stream().toList();
    }

    /** The function's VCL_SECRET_&lt;KIND&gt; variables: kind to the secret's logical id. */
    private Map<SecretKind, String> secretKindsOf(String function) {
        Map<SecretKind, String> kinds = new java.util.EnumMap<>(SecretKind.class);
        template.environment(function).forEach((name, value) -> {
            if (name.startsWith("VCL_SECRET_")) {
                SecretKind kind = java.util.Arrays.stream(SecretKind.values()).filter(k -> k.variable().equals(name))
                        .findFirst().orElseThrow(() -> new AssertionError(function + ": " + name
                                + " names no secret kind of the code"));
                kinds.put(kind, ref(value));
            }
        });
        return kinds;
    }

    /**
     * A secret is read as the kind of the variable naming it, and the code refuses every name that kind may not hold:
     * so each secret's declared names in Metadata vcl:SecretKeys are exactly its kind's, and no secret is read as two
     * kinds.
     */
    @Test
    void everySecretIsReadAsTheKindItIsDeclaredToBe() {
        Map<String, Object> declared = map(map(template.root().get("Metadata")).get("vcl:SecretKeys"));
        Map<String, SecretKind> kindOf = new HashMap<>();
        for (String function : functions()) {
            secretKindsOf(function).forEach((kind, secret) -> {
                SecretKind earlier = kindOf.putIfAbsent(secret, kind);
                assertTrue(earlier == null || earlier == kind, secret + " is read as " + earlier + " and " + kind);
                assertEquals(kind.declaredNames(), list(declared.get(secret)).stream().map(Object::toString).toList(),
                        secret + " (" + kind + ") in Metadata vcl:SecretKeys");
            });
        }
        assertEquals(declared.keySet(), kindOf.keySet(), "every declared secret is read by some function");
    }

    private static String sub(Object value) {
        return value instanceof Map<?, ?> m && m.get("Fn::Sub") instanceof String s ? s : null;
    }

    // ---- configuration ---------------------------------------------------------------------------------------

    @Test
    void everyConfigurationTheCodeNeedsIsProvidedAndNoSecretIsInThePlainEnvironment() throws IOException {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(basedir().resolve("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        Map<String, Set<String>> secretKeys = new HashMap<>();
        map(map(template.root().get("Metadata")).get("vcl:SecretKeys")).forEach((secret, keys) ->
                secretKeys.put(secret, list(keys).stream().map(Object::toString).collect(Collectors.toSet())));
        assertEquals(secretResources(), secretKeys.keySet(), "Metadata vcl:SecretKeys describes every secret");
        String createSecrets = Files.readString(basedir().resolve("infra/create-secrets.sh"));
        secretKeys.forEach((secret, keys) -> {
            if (!template.ofType("AWS::SecretsManager::Secret").contains(secret)) {
                keys.forEach(key -> assertTrue(createSecrets.contains(key.replace("<id>", "$id")),
                        "infra/create-secrets.sh writes " + key));
            }
        });
        Map<String, Object> tokenSecret = map(template.properties("TokenSecret").get("GenerateSecretString"));
        assertEquals(secretKeys.get("TokenSecret"), Set.of(tokenSecret.get("GenerateStringKey")));

        Set<String> required = new TreeSet<>();
        requiredKeys("vcl", BackendConfig.class, required);
        requiredKeys("vipps", VippsConfig.class, required);
        assertEquals(Set.of("vcl.orders-table", "vcl.public-base-url", "vcl.terms-and-conditions-url"), required,
                "the required configuration changed: check the template provides the new keys, then update this");

        for (String function : functions()) {
            String export = exportOf(function);
            Map<String, Object> env = template.environment(function);
            Set<String> provided = new HashSet<>();
            env.keySet().forEach(name -> provided.add(name));
            secretsOf(function).forEach(secret -> secretKeys.get(secret).forEach(provided::add));

            Set<String> needed = new TreeSet<>(required);
            if (!NEEDS.containsKey(export) && !PENDING.contains(export)) {
                fail("TemplateTest.NEEDS does not say what '" + export + "' needs");
            }
            needed.addAll(NEEDS.getOrDefault(export, Set.of()));
            for (String key : needed) {
                assertTrue(isProvided(key, properties, provided), function + " (" + export + ") needs '" + key
                        + "': set it through the environment, a secret or a default");
            }
            assertEquals("OrdersTable", ref(env.get("ORDERS_TABLE")), function + " uses the stack's table");
            for (String name : env.keySet()) {
                for (String secret : SECRET_KEYS) {
                    assertFalse(envName(secret).equals(name), function + ": " + secret
                            + " must come from Secrets Manager, not a plain environment variable");
                }
                Object value = env.get(name);
                assertTrue(value instanceof String || ref(value) != null || value instanceof Map,
                        function + " " + name);
            }
        }
    }

    /** Provided when a default exists, or the value's ${ENV} / the key's own environment form / a secret sets it. */
    private static boolean isProvided(String key, Properties properties, Set<String> provided) {
        if (provided.contains(key) || provided.contains(envName(key))) {
            return true;
        }
        String value = properties.getProperty(key);
        if (value == null) {
            return false;
        }
        Matcher expression = Pattern.compile("\\$\\{([^}:]+)(:[^}]*)?}").matcher(value);
        if (!expression.find()) {
            return true;
        }
        return expression.group(2) != null || provided.contains(expression.group(1));
    }

    private static String envName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** Members without default that are not Optional, not maps and not nested groups: SmallRye fails without them. */
    private static void requiredKeys(String prefix, Class<?> mapping, Set<String> into) {
        for (Method method : mapping.getMethods()) {
            if (method.getParameterCount() > 0 || method.isDefault() || method.getAnnotation(WithDefault.class)
                    != null) {
                continue;
            }
            String key = prefix + "." + kebab(method.getName());
            Class<?> type = method.getReturnType();
            if (type.isInterface() && type.getName().startsWith("io.github.vcl")) {
                requiredKeys(key, type, into);
            } else if (!Optional.class.equals(type) && !Map.class.isAssignableFrom(type)
                    && !java.util.Collection.class.isAssignableFrom(type)) {
                into.add(key);
            }
        }
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    // ---- table -----------------------------------------------------------------------------------------------

    @Test
    void theTableIsTheOneTheCodeAndTheLocalSetupUse() {
        CreateTableRequest local = localTable();
        Map<String, Object> table = template.properties("OrdersTable");
        assertEquals(local.billingModeAsString(), table.get("BillingMode"));
        assertEquals(local.attributeDefinitions().stream()
                        .collect(Collectors.toMap(a -> a.attributeName(), a -> a.attributeTypeAsString())),
                list(table.get("AttributeDefinitions")).stream().map(SamTemplate::map)
                        .collect(Collectors.toMap(a -> (String) a.get("AttributeName"),
                                a -> (String) a.get("AttributeType"))));
        assertEquals(keys(local.keySchema()), keySchema(table.get("KeySchema")));
        Map<String, List<String>> localIndexes = new LinkedHashMap<>();
        local.globalSecondaryIndexes().forEach(i -> localIndexes.put(i.indexName(),
                Stream.of(keys(i.keySchema()).stream(), Stream.of(i.projection().projectionTypeAsString()),
                        i.projection().nonKeyAttributes().stream()).flatMap(s -> s).toList()));
        Map<String, List<String>> deployedIndexes = new LinkedHashMap<>();
        list(table.get("GlobalSecondaryIndexes")).stream().map(SamTemplate::map).forEach(i ->
                deployedIndexes.put((String) i.get("IndexName"), Stream.of(keySchema(i.get("KeySchema")).stream(),
                        Stream.of((String) map(i.get("Projection")).get("ProjectionType")),
                        list(map(i.get("Projection")).getOrDefault("NonKeyAttributes", List.of())).stream()
                                .map(String.class::cast)).flatMap(s -> s).toList()));
        assertEquals(localIndexes, deployedIndexes);

        assertEquals(Map.of("AttributeName", OrderTable.EXPIRES_AT, "Enabled", true),
                table.get("TimeToLiveSpecification"), "claim items expire through TTL");
        assertEquals(true, map(table.get("PointInTimeRecoverySpecification")).get("PointInTimeRecoveryEnabled"));
        assertEquals("Retain", template.resource("OrdersTable").get("DeletionPolicy"));
    }

    private static List<String> keys(List<software.amazon.awssdk.services.dynamodb.model.KeySchemaElement> keys) {
        return keys.stream().map(k -> k.keyTypeAsString() + ":" + k.attributeName()).toList();
    }

    private static List<String> keySchema(Object schema) {
        return list(schema).stream().map(SamTemplate::map).map(k -> k.get("KeyType") + ":" + k.get("AttributeName"))
                .toList();
    }

    /** What OrderTableSetup sends to DynamoDB, caught before it is sent. */
    private static CreateTableRequest localTable() {
        List<CreateTableRequest> captured = new ArrayList<>();
        class Captured extends RuntimeException {
        }
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("createTable") && args[0] instanceof CreateTableRequest request) {
                captured.add(request);
                throw new Captured();
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            throw new UnsupportedOperationException(method.getName());
        };
        DynamoDbClient client = (DynamoDbClient) Proxy.newProxyInstance(TemplateTest.class.getClassLoader(),
                new Class<?>[]{DynamoDbClient.class}, handler);
        try {
            OrderTableSetup.create(client, "orders");
        } catch (Captured expected) {
            return captured.get(0);
        }
        throw new AssertionError("OrderTableSetup did not create a table");
    }

    // ---- logs and alarms -------------------------------------------------------------------------------------

    @Test
    void everyFunctionHasItsLogGroupWithRetentionAndAlarmsOnErrorsAndThrottles() {
        Map<String, Set<String>> alarms = new HashMap<>();
        for (String alarm : template.ofType("AWS::CloudWatch::Alarm")) {
            Map<String, Object> p = template.properties(alarm);
            assertFalse(list(p.get("AlarmActions")).isEmpty(), alarm + " notifies someone");
            if (!"AWS/Lambda".equals(p.get("Namespace"))) {
                continue;
            }
            String function = ref(map(list(p.get("Dimensions")).get(0)).get("Value"));
            alarms.computeIfAbsent(function, f -> new HashSet<>()).add((String) p.get("MetricName"));
        }
        for (String function : functions()) {
            String logGroup = ref(map(template.functionProperties(function).get("LoggingConfig")).get("LogGroup"));
            assertNotNull(logGroup, function + " logs to its own log group");
            assertEquals("AWS::Logs::LogGroup", template.resource(logGroup).get("Type"));
            assertNotNull(template.properties(logGroup).get("RetentionInDays"), logGroup + " has a retention");
            assertEquals(Set.of("Errors", "Throttles"), alarms.get(function), function + " alarms");
        }
    }

    /** The namespace every function emits its metrics in: the stack's own. */
    @Test
    void everyFunctionEmitsItsMetricsInTheStacksNamespace() {
        for (String function : functions()) {
            assertEquals(METRICS_NAMESPACE, template.environment(function).get("VCL_METRICS_NAMESPACE"), function);
        }
    }

    /**
     * The alarms of issue 13: the oldest pending order past 30 minutes, operations pending past 10 minutes, the
     * Vipps error rate, a reconcile run near its timeout, DynamoDB throttling of the orders table — besides every
     * function's errors and throttles. Each watches a metric the code emits ({@link Metric}), under dimensions it is
     * published with.
     */
    @Test
    void theAlarmsWatchMetricsTheCodeEmits() {
        Map<String, List<String>> watched = new LinkedHashMap<>();
        for (String alarm : template.ofType("AWS::CloudWatch::Alarm")) {
            Map<String, Object> p = template.properties(alarm);
            List<Map<String, Object>> stats = new ArrayList<>();
            if (p.containsKey("MetricName")) {
                stats.add(p);
            }
            list(p.get("Metrics")).stream().map(SamTemplate::map).filter(m -> m.containsKey("MetricStat"))
                    .forEach(m -> stats.add(map(map(m.get("MetricStat")).get("Metric"))));
            assertFalse(stats.isEmpty(), alarm + " watches a metric");
            for (Map<String, Object> metric : stats) {
                String name = (String) metric.get("MetricName");
                List<String> dimensions = list(metric.get("Dimensions")).stream()
                        .map(d -> (String) map(d).get("Name")).toList();
                assertKnownMetric(alarm, metric.get("Namespace"), name, dimensions);
                watched.computeIfAbsent(alarm, a -> new ArrayList<>()).add(name);
            }
        }
        assertEquals(List.of("OldestPendingAge"), watched.get("PendingOrdersAlarm"));
        assertEquals(1800, template.properties("PendingOrdersAlarm").get("Threshold"), "30 minutes");
        assertEquals(List.of("OldestOperationAge"), watched.get("PendingOperationsAlarm"));
        assertEquals(600, template.properties("PendingOperationsAlarm").get("Threshold"), "10 minutes");
        assertEquals(List.of("VippsErrors", "VippsCalls"), watched.get("VippsErrorRateAlarm"));
        assertEquals(List.of("ReconcileDuration"), watched.get("ReconcileNearTimeoutAlarm"));
        int reconcileTimeout = (Integer) template.functionProperties(template.functionExporting("reconcile"))
                .get("Timeout");
        assertEquals(reconcileTimeout * 1000 * 8 / 10, template.properties("ReconcileNearTimeoutAlarm")
                .get("Threshold"), "80 % of the reconciler's timeout, in milliseconds");
        assertEquals(List.of("ReadThrottleEvents", "WriteThrottleEvents"), watched.get("OrdersTableThrottlesAlarm"));
    }

    /** The dashboard shows every metric the code emits, and every function's errors and throttles. */
    @Test
    void theDashboardShowsEveryMetricTheCodeEmits() throws IOException {
        String body = sub(template.properties("Dashboard").get("DashboardBody"));
        assertNotNull(body, "the dashboard body is one Fn::Sub string");
        Matcher placeholder = Pattern.compile("\\$\\{([^}]+)}").matcher(body);
        Set<String> resources = template.resources().keySet();
        while (placeholder.find()) {
            String name = placeholder.group(1);
            assertTrue(name.startsWith("AWS::") || resources.contains(name.replaceAll("\\..*", "")),
                    "the dashboard names " + name + ", which is not in the template");
        }
        JsonNode dashboard = new ObjectMapper().readTree(body.replace("${AWS::StackName}", "STACK")
                .replaceAll("\\$\\{([^}]+)}", "$1"));
        String namespace = sub(METRICS_NAMESPACE).replace("${AWS::StackName}", "STACK");
        Set<String> shown = new HashSet<>();
        Set<String> lambda = new HashSet<>();
        Pattern search = Pattern.compile("SEARCH\\('\\{([^}]+)} MetricName=\"([^\"]+)\"");
        for (JsonNode widget : dashboard.path("widgets")) {
            for (JsonNode row : widget.path("properties").path("metrics")) {
                if (row.get(0).isTextual()) {
                    List<String> dimensions = new ArrayList<>();
                    for (int i = 2; i + 1 < row.size() && row.get(i).isTextual(); i += 2) {
                        dimensions.add(row.get(i).asText());
                        if (row.get(0).asText().equals("AWS/Lambda")) {
                            lambda.add(row.get(1).asText() + " " + row.get(i + 1).asText());
                        }
                    }
                    String ns = row.get(0).asText();
                    assertKnownMetric("the dashboard", ns.equals(namespace) ? METRICS_NAMESPACE : ns,
                            row.get(1).asText(), dimensions);
                    shown.add(row.get(1).asText());
                } else {
                    Matcher m = search.matcher(row.get(0).path("expression").asText());
                    while (m.find()) {
                        List<String> keys = List.of(m.group(1).split(","));
                        assertEquals(namespace, keys.get(0), "a search in the stack's namespace");
                        assertKnownMetric("the dashboard", METRICS_NAMESPACE, m.group(2), keys.subList(1,
                                keys.size()));
                        shown.add(m.group(2));
                    }
                }
            }
        }
        Set<String> emitted = Stream.of(Metric.values()).map(Metric::metricName).collect(Collectors.toSet());
        assertEquals(Set.of(), emitted.stream().filter(m -> !shown.contains(m)).collect(Collectors.toSet()),
                "metrics the code emits that the dashboard does not show");
        for (String function : functions()) {
            assertTrue(lambda.contains("Errors " + function) && lambda.contains("Throttles " + function),
                    "the dashboard shows the errors and throttles of " + function);
        }
        assertTrue(shown.containsAll(Set.of("ReadThrottleEvents", "WriteThrottleEvents")), "DynamoDB throttling");
    }

    /** The stack's metrics namespace as template.yaml writes it. */
    private static final Object METRICS_NAMESPACE = Map.of("Fn::Sub", "vcl/${AWS::StackName}");

    /** A metric of the code in the stack's namespace under one of its dimension sets, or one of AWS' own. */
    private void assertKnownMetric(String where, Object namespace, String name, List<String> dimensions) {
        if (METRICS_NAMESPACE.equals(namespace)) {
            Metric metric = Stream.of(Metric.values()).filter(m -> m.metricName().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError(where + " names " + name + ", which the code never emits"));
            assertTrue(metric.dimensionSets().contains(dimensions), where + ": " + name + " is published under "
                    + metric.dimensionSets() + ", not " + dimensions);
        } else if ("AWS/Lambda".equals(namespace)) {
            assertTrue(Set.of("Errors", "Throttles").contains(name) && dimensions.equals(List.of("FunctionName")),
                    where + ": " + name + " " + dimensions);
        } else {
            assertEquals("AWS/DynamoDB", namespace, where + ": " + name);
            assertTrue(Set.of("ReadThrottleEvents", "WriteThrottleEvents").contains(name)
                    && dimensions.equals(List.of("TableName")), where + ": " + name + " " + dimensions);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    static Path basedir() {
        return Path.of(System.getProperty("project.basedir", ".")).toAbsolutePath();
    }

    /** The names of every {@code @Funq} in src/main/java (source text; the annotation is not kept at run time). */
    static Set<String> funqNames() {
        Pattern funq = Pattern.compile("@Funq\\(\\s*\"([^\"]+)\"\\s*\\)");
        Set<String> names = new LinkedHashSet<>();
        try (Stream<Path> files = Files.walk(basedir().resolve("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = funq.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
