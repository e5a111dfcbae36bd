package io.github.vcl.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vcl.local.simulator.Credentials;
import io.github.vcl.local.simulator.VippsSimulator;
import io.github.vcl.local.simulator.webhooks.WebhookRegistration;
import io.github.vcl.vipps.webhook.model.WebhookEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * infra/register-webhooks.sh against the Vipps simulator (real curl) and a stand-in {@code aws} command that plays
 * CloudFormation and Secrets Manager from files: it registers once, finds its registration the second time, rotates,
 * stores only Vipps' secret, and never shows a key or a secret on its output or a command line.
 */
class RegisterWebhooksScriptTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WEBHOOK_URL = "https://api.shop.example/webhooks/vipps";
    private static final String AWS_STUB = """
            #!/usr/bin/env bash
            printf '%s\\n' "$*" >> "$AWS_STUB_DIR/argv.log"
            case "$1 $2" in
              "cloudformation describe-stacks")
                case "$*" in
                  *Outputs*) cat "$AWS_STUB_DIR/outputs.json" ;;
                  *) cat "$AWS_STUB_DIR/parameters.json" ;;
                esac ;;
              "secretsmanager get-secret-value")
                while [ $# -gt 0 ]; do [ "$1" = --secret-id ] && id="$2"; shift; done
                cat "$AWS_STUB_DIR/secret-${id##*:}" ;;
              "secretsmanager put-secret-value")
                while [ $# -gt 0 ]; do
                  case "$1" in --secret-id) id="$2" ;; --secret-string) src="$2" ;; esac
                  shift
                done
                cp "${src#file://}" "$AWS_STUB_DIR/secret-${id##*:}" ;;
              *) exit 2 ;;
            esac
            """;

    private final VippsSimulator vipps = VippsSimulator.start();

    @AfterEach
    void stop() {
        vipps.close();
    }

    @Test
    void registersOnceFindsItAgainRotatesAndRevealsNoSecret(@TempDir Path dir) throws Exception {
        Credentials keys = vipps.credentials();
        Files.writeString(dir.resolve("outputs.json"), JSON.writeValueAsString(List.of(
                Map.of("OutputKey", "WebhookUrl", "OutputValue", WEBHOOK_URL),
                Map.of("OutputKey", "WebhookSecretArn", "OutputValue", "arn:aws:secretsmanager:x:1:secret:webhook"))));
        Files.writeString(dir.resolve("parameters.json"), JSON.writeValueAsString(List.of(
                Map.of("ParameterKey", "VippsBaseUrl", "ParameterValue", vipps.baseUrl()),
                Map.of("ParameterKey", "VippsMerchantSerialNumber", "ParameterValue", keys.merchantSerialNumber()),
                Map.of("ParameterKey", "VippsSecretArn", "ParameterValue", "arn:aws:secretsmanager:x:1:secret:vipps"))));
        Files.writeString(dir.resolve("secret-vipps"), JSON.writeValueAsString(Map.of("vipps.client-id",
                keys.clientId(), "vipps.client-secret", keys.clientSecret(), "vipps.subscription-key",
                keys.subscriptionKey())));
        Files.writeString(dir.resolve("secret-webhook"), "{}");

        String first = run(dir, List.of());
        List<WebhookRegistration> registered = vipps.webhookRegistrations();
        assertEquals(1, registered.size(), first);
        assertEquals(WEBHOOK_URL, registered.get(0).url().toString());
        assertEquals(Set.copyOf(WebhookEvents.ALL), Set.copyOf(registered.get(0).events()));
        assertEquals(Map.of("vcl.webhook-secret", registered.get(0).secret()), stored(dir));
        assertTrue(first.contains("Webhooks=registered"), "reminds to tell the stack:\n" + first);

        String again = run(dir, List.of());
        assertTrue(again.contains("already registered"), again);
        assertEquals(registered, vipps.webhookRegistrations());

        String rotated = run(dir, List.of("--rotate"));
        List<WebhookRegistration> now = vipps.webhookRegistrations();
        assertEquals(1, now.size(), rotated);
        assertFalse(now.get(0).id().equals(registered.get(0).id()), "a new registration");
        assertEquals(Map.of("vcl.webhook-secret", now.get(0).secret()), stored(dir));

        String argv = Files.readString(dir.resolve("argv.log"));
        for (String secret : List.of(keys.clientSecret(), keys.subscriptionKey(), registered.get(0).secret(),
                now.get(0).secret())) {
            for (String output : List.of(first, again, rotated, argv)) {
                assertFalse(output.contains(secret), "a key or secret was shown:\n" + output);
            }
        }
        assertEquals(List.of(), vipps.violations(), "every Vipps call kept the contract");
        assertTrue(vipps.requests().stream().allMatch(r -> "vcl-register-webhooks".equals(
                r.header("Vipps-System-Plugin-Name"))), "Vipps-System-* headers on every call");
    }

    private static Map<String, String> stored(Path dir) throws IOException {
        JsonNode secret = JSON.readTree(dir.resolve("secret-webhook").toFile());
        return JSON.convertValue(secret, JSON.getTypeFactory().constructMapType(Map.class, String.class,
                String.class));
    }

    private static String run(Path dir, List<String> options) throws Exception {
        Path aws = dir.resolve("aws");
        Files.writeString(aws, AWS_STUB);
        Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwx------"));
        List<String> command = new java.util.ArrayList<>(List.of("bash",
                TemplateTest.basedir().resolve("infra/register-webhooks.sh").toString(), "vcl-test"));
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("AWS_STUB_DIR", dir.toString());
        builder.environment().put("ROTATION_WAIT_SECONDS", "0");
        builder.environment().put("PATH", dir + ":" + System.getenv("PATH"));
        Process process = builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
