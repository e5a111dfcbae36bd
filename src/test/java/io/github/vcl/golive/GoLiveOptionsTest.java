package io.github.vcl.golive;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command's options and the setups it refuses before anything is created. */
class GoLiveOptionsTest {

    private static GoLiveOptions parse(String... args) {
        return GoLiveOptions.parse(new Properties(), args);
    }

    @Test
    void mavenPropertiesAreOptionsAndEmptyOnesAreIgnored() {
        Properties p = new Properties();
        p.setProperty("go-live.api", "https://abc.execute-api.eu-north-1.amazonaws.com");
        p.setProperty("go-live.vipps", "production");
        p.setProperty("go-live.local", "");
        p.setProperty("go-live.stack", "");
        p.setProperty("go-live.app-version", "0.1.0");
        GoLiveOptions o = GoLiveOptions.parse(p, new String[0]);
        assertEquals(Optional.of(URI.create("https://abc.execute-api.eu-north-1.amazonaws.com/")), o.api());
        assertTrue(o.production());
        assertFalse(o.local());
        assertEquals("person", o.approver(), "a deployed stack is paid by a person with the app");
        assertEquals(200, o.amount(), "NOK 2.00");
        assertEquals(Optional.of("eu-north-1"), DeployedTarget.regionOf(o.api().get()));
    }

    @Test
    void localUsesTheSimulatorsPage() {
        GoLiveOptions o = parse("--local");
        assertEquals("simulator", o.approver());
        assertFalse(o.production());
    }

    @Test
    void setupsThatCannotBeRightAreRefused() {
        assertThrows(GoLiveOptions.Usage.class, () -> parse(), "neither --local nor --api");
        assertThrows(GoLiveOptions.Usage.class, () -> parse("--local", "--api", "https://x/"));
        assertThrows(GoLiveOptions.Usage.class, () -> parse("--api", "https://x/", "--approver", "simulator"));
        assertThrows(GoLiveOptions.Usage.class, () -> parse("--api", "https://x/", "--vipps", "production",
                "--approver", "vipps-test"), "the test approve endpoint is test-only");
        assertThrows(GoLiveOptions.Usage.class, () -> parse("--api", "https://x/", "--vipps", "production",
                "--amount", "5000"), "production moves at most NOK 10 per payment");
        assertThrows(GoLiveOptions.Usage.class, () -> parse("--local", "--amount", "150"));
        assertThrows(GoLiveOptions.Usage.class, () -> parse("--local", "--vipps", "prod"));
    }

    @Test
    void aDeployedStackWithoutKeysNamesWhatIsMissingAndExitsWithoutCreatingAnything() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, String> env = Map.of("SHOP_API_KEY", "shop-key-0123456789-0123456789-0123456789");
        int exit = GoLive.run(new String[]{"--api", "https://abc.execute-api.eu-north-1.amazonaws.com/"}, env::get,
                new BufferedReader(new StringReader("")), new PrintStream(out, true, StandardCharsets.UTF_8));
        String said = out.toString(StandardCharsets.UTF_8);
        assertEquals(GoLive.USAGE, exit);
        assertTrue(said.contains("STAFF_API_KEY") && said.contains("VIPPS_CLIENT_SECRET")
                && said.contains("Merchant Serial Number"), said);
        assertFalse(said.contains("shop-key-0123456789"), "no key is printed");
    }

    @Test
    void aStaffMemberNeedsEveryRightTheRunUses() {
        assertTrue(DeployedTarget.covers("operations,support"));
        assertTrue(DeployedTarget.covers("capture, refund, cancel, support"));
        assertFalse(DeployedTarget.covers("operations"));
        assertFalse(DeployedTarget.covers("capture,cancel,support"));
    }
}
