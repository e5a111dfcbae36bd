package io.github.vcl.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * infra/create-secrets.sh against a stand-in {@code aws} command that keeps the secrets in files: what it stores,
 * and that no value ever reaches its output or a command line.
 */
class CreateSecretsScriptTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AWS_STUB = """
            #!/usr/bin/env bash
            printf '%s\\n' "$*" >> "$AWS_STUB_DIR/argv.log"
            op="$2"
            while [ $# -gt 0 ]; do
              case "$1" in
                --secret-id|--name) id="$2"; shift ;;
                --secret-string) src="$2"; shift ;;
              esac
              shift
            done
            f="$AWS_STUB_DIR/secret-$(echo "$id" | tr / _)"
            case "$op" in
              describe-secret) [ -f "$f" ] || exit 254; echo "arn:aws:secretsmanager:eu-north-1:123456789012:secret:$id-AbCdEf" ;;
              create-secret|put-secret-value) cp "${src#file://}" "$f" ;;
              *) exit 2 ;;
            esac
            """;

    @Test
    void storesEachSecretAsConfigurationNamesAndRevealsNoValue(@TempDir Path dir) throws Exception {
        Path aws = dir.resolve("aws");
        Files.writeString(aws, AWS_STUB);
        Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwx------"));
        Map<String, String> values = Map.of(
                "VIPPS_CLIENT_ID", "client-id-7f3a",
                "VIPPS_CLIENT_SECRET", "client-secret-with-\"quote\"-and-\\backslash",
                "VIPPS_SUBSCRIPTION_KEY", "subscription-key-91c2",
                "SHOP_API_KEY", "shop-api-key-0123456789abcdef0123456789",
                "STAFF_KARI_API_KEY", "staff-key-of-kari-0123456789abcdef0123");

        ProcessBuilder builder = new ProcessBuilder("bash",
                TemplateTest.basedir().resolve("infra/create-secrets.sh").toString(), "vcl-test")
                .redirectErrorStream(true);
        builder.environment().putAll(values);
        builder.environment().put("STAFF", "kari=operations,support ola=support");
        builder.environment().put("AWS_STUB_DIR", dir.toString());
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        builder.environment().put("TMPDIR", tmp.toString());
        builder.environment().put("PATH", dir + ":" + System.getenv("PATH"));
        Process process = builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);

        assertTrue(output.contains("VippsSecretArn=arn:aws:secretsmanager:eu-north-1:123456789012:secret:"
                + "vcl/vcl-test/vipps-AbCdEf"), output);
        assertTrue(output.contains("ShopSecretArn=") && output.contains("StaffSecretArn="), output);
        String argv = Files.readString(dir.resolve("argv.log"));
        for (String value : values.values()) {
            assertFalse(output.contains(value), "printed a secret value:\n" + output);
            assertFalse(argv.contains(value), "a secret value on the aws command line:\n" + argv);
        }

        JsonNode vipps = JSON.readTree(dir.resolve("secret-vcl_vcl-test_vipps").toFile());
        assertEquals(values.get("VIPPS_CLIENT_SECRET"), vipps.path("vipps.client-secret").asText());
        assertEquals(values.get("VIPPS_CLIENT_ID"), vipps.path("vipps.client-id").asText());
        assertEquals(values.get("VIPPS_SUBSCRIPTION_KEY"), vipps.path("vipps.subscription-key").asText());
        assertEquals(values.get("SHOP_API_KEY"),
                JSON.readTree(dir.resolve("secret-vcl_vcl-test_shop").toFile()).path("vcl.shop-api-key").asText());
        JsonNode staff = JSON.readTree(dir.resolve("secret-vcl_vcl-test_staff").toFile());
        assertEquals(values.get("STAFF_KARI_API_KEY"), staff.path("vcl.staff.kari.api-key").asText());
        assertEquals("operations,support", staff.path("vcl.staff.kari.rights").asText());
        assertTrue(staff.path("vcl.staff.ola.api-key").asText().length() >= 32, "a generated key for ola");
        assertEquals(List.of(), List.of(tmp.toFile().list()), "the private work directory is deleted");
        assertTrue(argv.contains("--secret-string file://" + tmp), "values travel in files under TMPDIR:\n" + argv);
    }
}
