package io.github.vcl.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The knobs of one chaos run, from system properties ({@code -Dchaos.orders=1000}). The seed decides every choice the
 * run makes (carts, customers, operations, which Vipps and DynamoDB calls fail, which callbacks go astray, where the
 * JVMs die); thread timing still varies between runs of one seed, so a seed reproduces the plan, not every
 * interleaving.
 *
 * @param seed                   {@code chaos.seed} (default 1; {@code random} picks one, printed at start)
 * @param orders                 {@code chaos.orders}: shop orders driven concurrently (default 200)
 * @param ramp                   over how long the orders start (0.35 s per order)
 * @param instances              {@code chaos.instances}: execution environments per interactive function at the
 *                               start (default 2), so that concurrent requests for one order really run in parallel
 * @param maxInstances           {@code chaos.max-instances}: how far they scale out when all are busy (default 5)
 * @param vippsFaultRate         {@code chaos.vipps-fault-rate}: share of Vipps calls answered with a fault (0.15)
 * @param dynamoFaultRate        {@code chaos.dynamo-fault-rate}: share of DynamoDB calls throttled or failed (0.04)
 * @param kills                  {@code chaos.kills}: function JVMs to SIGKILL (default max(6, orders / 60))
 * @param sessionLifetime        the Checkout session's lifetime in the run, ours ({@code vcl.session-lifetime}) and
 *                               the simulator's (15 s instead of an hour)
 * @param paymentWindow          how long a customer who started paying may still approve (30 s instead of about 10
 *                               minutes), also after the session ended
 * @param vippsReadTimeout       our {@code vipps.timeouts.read} in the run (2 s); a late answer comes after it
 * @param reconcileEvery         how often the harness invokes the reconciler while faults run (8 s)
 * @param operationGrace         our {@code vcl.reconcile.operation-grace} in the run (30 s: longer than the
 *                               operations function's 25 s timeout, as it must be)
 * @param longestFollowUp        our {@code vcl.reconcile.longest-follow-up} (and, with webhooks, the safety poll) in
 *                               the run: 10 s instead of an hour (6 hours), so portal actions whose webhook was lost
 *                               show up within the run
 * @param maxConvergenceRuns     reconcile runs tried after the faults stop before giving up (6)
 * @param webhooks               {@code chaos.webhooks}: {@code registered} (default: Vipps' webhooks registered, as
 *                               recommended) or {@code none} (callbacks and polling only)
 * @param epaymentShare          {@code chaos.epayment-share}: share of shop orders paid through the ePayment flow
 *                               (default 0.25) rather than a Checkout session
 * @param environment            {@code chaos.env.NAME=value}: added to every function's environment
 * @param reportDoc              {@code chaos.report-doc}: a Markdown file whose table section the run rewrites, if set
 */
public record ChaosSettings(long seed, int orders, Duration ramp, int instances, int maxInstances,
                            double vippsFaultRate,
                            double dynamoFaultRate, int kills, Duration sessionLifetime, Duration paymentWindow,
                            Duration vippsReadTimeout, Duration reconcileEvery, Duration operationGrace,
                            Duration longestFollowUp, int maxConvergenceRuns, boolean webhooks, double epaymentShare,
                            Map<String, String> environment, Path reportDoc) {

    public static ChaosSettings fromSystemProperties() {
        String seedText = System.getProperty("chaos.seed", "1").trim();
        long seed = seedText.isEmpty() || seedText.equals("random") ? System.nanoTime() & 0xFFFFFFFFL
                : Long.parseLong(seedText);
        int orders = Integer.getInteger("chaos.orders", 200);
        Map<String, String> env = new LinkedHashMap<>();
        System.getProperties().stringPropertyNames().stream().filter(n -> n.startsWith("chaos.env."))
                .sorted().forEach(n -> env.put(n.substring("chaos.env.".length()), System.getProperty(n)));
        String doc = System.getProperty("chaos.report-doc", "").trim();
        int instances = Integer.getInteger("chaos.instances", 3);
        return new ChaosSettings(seed, orders, Duration.ofMillis(350L * orders), instances,
                Math.max(instances, Integer.getInteger("chaos.max-instances", instances)),
                Double.parseDouble(System.getProperty("chaos.vipps-fault-rate", "0.15")),
                Double.parseDouble(System.getProperty("chaos.dynamo-fault-rate", "0.04")),
                Integer.getInteger("chaos.kills", Math.max(6, orders / 60)),
                Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(8),
                Duration.ofSeconds(30), Duration.ofSeconds(10), Integer.getInteger("chaos.max-convergence-runs", 6),
                !System.getProperty("chaos.webhooks", "registered").trim().equals("none"),
                Double.parseDouble(System.getProperty("chaos.epayment-share", "0.25")), Map.copyOf(env),
                doc.isEmpty() ? null : Path.of(doc));
    }

    /** The environment every function gets in this run: reconciler off its timer, short lifetimes and timeouts. */
    Map<String, String> functionEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("VCL_SESSION_LIFETIME", sessionLifetime.toSeconds() + "s");
        env.put("VIPPS_TIMEOUTS_READ", vippsReadTimeout.toMillis() + "ms");
        env.put("VIPPS_TIMEOUTS_CONNECT", "1s");
        env.put("VCL_RECONCILE_OPERATION_GRACE", operationGrace.toSeconds() + "s");
        env.put("VCL_RECONCILE_LONGEST_FOLLOW_UP", longestFollowUp.toSeconds() + "s");
        if (webhooks) {
            env.put("VCL_RECONCILE_WEBHOOKS", "registered");
            // the safety poll for a webhook Vipps gave up on: 6 hours in production, the follow-up's 10 s here
            env.put("VCL_RECONCILE_WEBHOOK_SAFETY_POLL", longestFollowUp.toSeconds() + "s");
        }
        env.putAll(environment);
        return env;
    }

    /** How to run this plan again. */
    String reproduce() {
        return "./mvnw -B verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ChaosIT -Dchaos.seed="
                + seed + " -Dchaos.orders=" + orders + (webhooks ? "" : " -Dchaos.webhooks=none");
    }
}
