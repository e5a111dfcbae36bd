package io.github.vcl.golive;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/** The go-live command's options: {@code --name value} arguments, or {@code -Dgo-live.name=value} from Maven. */
record GoLiveOptions(boolean local, Optional<URI> api, boolean production, Optional<String> stack,
                     Optional<String> region, Optional<String> msn, Optional<String> staff, String approver,
                     String testPhoneVariable, Path out, long amount, Duration callbackWait, Duration historyWait,
                     Duration approvalTimeout, Optional<String> flow, Optional<String> cancel, Path projectDir) {

    static final String USAGE = """
            Usage: GoLive (--local | --api URL) [options]     (./mvnw -B -Pgo-live -Dgo-live.api=URL …)
              --local                  start the local run (Vipps MobilePay simulator) and go live against it
              --api URL                the deployed stack's HTTP API (its ApiUrl output)
              --vipps test|production  Vipps MobilePay environment (default test); production moves real money
                                       and asks for a typed confirmation first
              --stack NAME             read the keys from the stack's secrets vcl/NAME/vipps|shop|staff
                                       (else SHOP_API_KEY, STAFF_API_KEY, VIPPS_CLIENT_ID, VIPPS_CLIENT_SECRET,
                                       VIPPS_SUBSCRIPTION_KEY from the environment)
              --region R               AWS region (default AWS_REGION, or the API URL's)
              --msn N                  Merchant Serial Number (default VIPPS_MERCHANT_SERIAL_NUMBER)
              --staff ID               staff member of the staff secret to act as (default: the first with
                                       capture, refund, cancel and support)
              --approver A             who approves the payments: simulator (local run), person (prints the link
                                       and a QR code and waits; default for a deployed stack), vipps-test (the
                                       test environment's approve endpoint for a test user)
              --test-phone-env NAME    variable holding that test user's phone number (default VIPPS_TEST_PHONE)
              --flow checkout|epayment how the customers pay (default: the deployment's own, stack parameter)
              --amount ØRE             per payment (default 200 = NOK 2.00, the smallest sensible amount)
              --out DIR                where go-live-report.md/.json go (default target/go-live)
              --callback-wait S        seconds to wait for Vipps' callback before polling (default 10)
              --history-wait S         seconds to wait for the payment-history filing (default 150; local 40)
              --approval-timeout S     seconds to wait for one approval (default 600)
              --cancel REFERENCE       cancel that order through the API (e.g. the AUTHORIZED one, later) and stop
            """;

    static final List<String> APPROVERS = List.of("simulator", "person", "vipps-test");

    /** A wrong or missing option, or a setup that cannot run; said in words, never with a key in them. */
    static final class Usage extends RuntimeException {
        Usage(String message) {
            super(message);
        }
    }

    /** {@code -Dgo-live.*} system properties first (empty ones ignored), then the arguments, which win. */
    static GoLiveOptions parse(Properties properties, String[] args) {
        List<String> all = new ArrayList<>();
        for (String name : properties.stringPropertyNames()) {
            String value = properties.getProperty(name);
            if (name.startsWith("go-live.") && !value.isBlank() && !name.equals("go-live.project-dir")
                    && !name.equals("go-live.app-version")) {
                String option = "--" + name.substring("go-live.".length());
                all.add(option);
                if (!option.equals("--local")) {
                    all.add(value);
                } else if (!Boolean.parseBoolean(value)) {
                    all.remove(all.size() - 1);
                }
            }
        }
        all.addAll(List.of(args));
        Path dir = Path.of(properties.getProperty("go-live.project-dir", properties.getProperty("project.basedir",
                "."))).toAbsolutePath().normalize();
        return parse(all, dir);
    }

    private static GoLiveOptions parse(List<String> args, Path dir) {
        boolean local = false;
        URI api = null;
        String vipps = "test";
        String stack = null;
        String region = null;
        String msn = null;
        String staff = null;
        String approver = null;
        String phone = "VIPPS_TEST_PHONE";
        Path out = null;
        long amount = 200;
        Duration callbackWait = Duration.ofSeconds(10);
        Duration historyWait = null;
        Duration approvalTimeout = Duration.ofMinutes(10);
        String cancel = null;
        String flow = null;
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            if (name.equals("--local")) {
                local = true;
                continue;
            }
            if (name.equals("--help") || name.equals("-h")) {
                throw new Usage("");
            }
            if (i + 1 >= args.size()) {
                throw new Usage(name + " needs a value");
            }
            String value = args.get(++i).trim();
            switch (name) {
                case "--api" -> api = URI.create(value.endsWith("/") ? value : value + "/");
                case "--vipps" -> vipps = value.toLowerCase(Locale.ROOT);
                case "--stack" -> stack = value;
                case "--region" -> region = value;
                case "--msn" -> msn = value;
                case "--staff" -> staff = value;
                case "--approver" -> approver = value;
                case "--test-phone-env" -> phone = value;
                case "--out" -> out = Path.of(value);
                case "--amount" -> amount = number(name, value);
                case "--callback-wait" -> callbackWait = Duration.ofSeconds(number(name, value));
                case "--history-wait" -> historyWait = Duration.ofSeconds(number(name, value));
                case "--approval-timeout" -> approvalTimeout = Duration.ofSeconds(number(name, value));
                case "--cancel" -> cancel = value;
                case "--flow" -> flow = value.toLowerCase(Locale.ROOT);
                default -> throw new Usage("unknown option " + name);
            }
        }
        if (!vipps.equals("test") && !vipps.equals("production")) {
            throw new Usage("--vipps is test or production, not " + vipps);
        }
        if (local == (api != null) && cancel == null) {
            throw new Usage("give either --local or --api URL");
        }
        approver = approver == null ? (local ? "simulator" : "person") : approver;
        if (!APPROVERS.contains(approver)) {
            throw new Usage("--approver is one of " + APPROVERS + ", not " + approver);
        }
        if (approver.equals("simulator") && !local) {
            throw new Usage("--approver simulator needs --local: a deployed stack talks to the real Vipps MobilePay");
        }
        if (flow != null && !flow.equals("checkout") && !flow.equals("epayment")) {
            throw new Usage("--flow is checkout or epayment, not " + flow);
        }
        boolean production = vipps.equals("production");
        if (production && approver.equals("vipps-test")) {
            throw new Usage("the test approve endpoint exists in Vipps' test environment only");
        }
        if (amount < 200 || amount > 100_000) {
            throw new Usage("--amount is 200–100000 øre (the run refunds half of one payment at Vipps; 100 øre is "
                    + "the smallest NOK payment)");
        }
        if (production && amount > 1000) {
            throw new Usage("in production the run uses at most 1000 øre per payment (it moves real money)");
        }
        return new GoLiveOptions(local, Optional.ofNullable(api), production, Optional.ofNullable(stack),
                Optional.ofNullable(region), Optional.ofNullable(msn), Optional.ofNullable(staff), approver, phone,
                out == null ? dir.resolve("target/go-live") : out.toAbsolutePath(), amount, callbackWait,
                historyWait == null ? Duration.ofSeconds(local ? 40 : 150) : historyWait, approvalTimeout,
                Optional.ofNullable(flow), Optional.ofNullable(cancel), dir);
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new Usage(name + " needs a whole number, not " + value);
        }
    }
}
