package io.github.vcl.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The cost benchmark's figures per order and in USD per 1,000 orders at {@link AwsPrices}. */
final class CostTable {
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    private static final BigDecimal MONTH_OF_MINUTES = BigDecimal.valueOf(30L * 24 * 60);
    private static final String ROW = "  %-30s %9s %9s %8s %8s %9s %10s%n";

    private final BigDecimal orders;
    private final List<String> rows = new ArrayList<>();
    private BigDecimal total = BigDecimal.ZERO;
    private String fixed = "";

    CostTable(int orders) {
        this.orders = BigDecimal.valueOf(orders);
    }

    /** One function's use by all the orders: invocations, billed ms, DynamoDB units (table; indexes estimated). */
    void function(String name, long invocations, long billedMs, double reads, double writes, double indexWrites) {
        BigDecimal lambda = lambda(BigDecimal.valueOf(invocations), BigDecimal.valueOf(billedMs));
        BigDecimal dynamo = dynamo(BigDecimal.valueOf(reads), BigDecimal.valueOf(writes + indexWrites));
        BigDecimal usd = perThousand(lambda.add(dynamo));
        total = total.add(usd);
        rows.add(String.format(ROW, name, perOrder(invocations), perOrder(billedMs), perOrder(reads),
                perOrder(writes), perOrder(indexWrites), usd(usd)));
    }

    void gateway(long requests) {
        BigDecimal usd = perThousand(BigDecimal.valueOf(requests).multiply(AwsPrices.HTTP_API_PER_REQUEST));
        total = total.add(usd);
        rows.add(String.format(ROW, "API Gateway requests", perOrder(requests), "", "", "", "", usd(usd)));
    }

    /** The application's Vipps calls, access-token calls apart, and all of them by kind. */
    void vipps(long calls, long tokenCalls, Map<String, Long> byKind) {
        rows.add(String.format("  Vipps calls per order: %s (+%s access-token calls)%n", perOrder(calls),
                perOrder(tokenCalls)));
        byKind.forEach((kind, count) -> rows.add(String.format("    %-58s %6s%n", kind, perOrder(count))));
    }

    /** The reconciler's schedule, whatever the orders: one run a minute at an empty run's cost, for 30 days. */
    void fixed(long emptyRunMs, double reads, double writes) {
        BigDecimal lambda = lambda(MONTH_OF_MINUTES, MONTH_OF_MINUTES.multiply(BigDecimal.valueOf(emptyRunMs)));
        BigDecimal dynamo = dynamo(MONTH_OF_MINUTES.multiply(BigDecimal.valueOf(reads)),
                MONTH_OF_MINUTES.multiply(BigDecimal.valueOf(writes)));
        fixed = String.format("  fixed: the reconcile schedule, 43,200 runs a month at %d ms, %.1f RRU and %.1f WRU "
                + "each: %s USD a month%n", emptyRunMs, reads, writes, usd(lambda.add(dynamo)));
    }

    String render() {
        StringBuilder out = new StringBuilder(String.format(ROW, "per order", "invoc.", "billed ms", "RRU", "WRU",
                "index WRU", "USD/1000"));
        rows.forEach(out::append);
        out.append(String.format("  total USD per 1,000 paid-and-captured orders: %s%n", usd(total)));
        out.append(fixed);
        out.append("  (index WRU: the four GSIs' writes, estimated; RRU/WRU measured by dynalite for the table)");
        return out.toString();
    }

    private static BigDecimal lambda(BigDecimal invocations, BigDecimal billedMs) {
        BigDecimal gbSeconds = billedMs.movePointLeft(3).multiply(AwsPrices.LAMBDA_MEMORY_GB);
        return invocations.multiply(AwsPrices.LAMBDA_PER_REQUEST)
                .add(gbSeconds.multiply(AwsPrices.LAMBDA_PER_GB_SECOND));
    }

    private static BigDecimal dynamo(BigDecimal readUnits, BigDecimal writeUnits) {
        return readUnits.multiply(AwsPrices.DYNAMODB_PER_READ_UNIT)
                .add(writeUnits.multiply(AwsPrices.DYNAMODB_PER_WRITE_UNIT));
    }

    private BigDecimal perThousand(BigDecimal forAllOrders) {
        return forAllOrders.multiply(THOUSAND).divide(orders, MathContext.DECIMAL64);
    }

    private String perOrder(double value) {
        return String.format("%.2f", value / orders.doubleValue());
    }

    private static String usd(BigDecimal usd) {
        return usd.round(new MathContext(3)).toPlainString();
    }
}
