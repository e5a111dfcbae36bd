package io.github.vcl.golive;

import io.github.vcl.deploy.SamTemplate;
import io.github.vcl.local.gateway.Route;
import io.github.vcl.local.gateway.Routes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The report's description of the implemented solution, generated from the deployment: the flow, the functions with
 * their routes (template.yaml and the route table the local gateway shares with it), region and Vipps environment;
 * and the list of what to send to Vipps MobilePay.
 */
final class Solution {
    private Solution() {
    }

    static void describe(GoLiveRun run) {
        Report r = run.report;
        List<String> d = r.description;
        boolean epayment = run.orders.stream().anyMatch(o -> "epayment".equals(o.flow));
        d.add("**Flow.** " + (epayment
                ? "Vipps MobilePay **ePayment** (the app or landing page, WEB_REDIRECT) with reserve-then-capture. The "
                + "shop server starts a payment with `POST /checkout/sessions` (its own API key, an Idempotency-Key) "
                + "and sends the customer to the returned `redirectUrl`. The customer's return page and the shop's "
                + "status route poll ePayment while the payment is open; "
                : "Vipps MobilePay **Checkout v3** with reserve-then-capture. The shop server starts a payment "
                + "with `POST /checkout/sessions` (its own API key, an Idempotency-Key) and sends the customer to the "
                + "returned `checkoutFrontendUrl`. Vipps reports the outcome by the Checkout callback (authenticated "
                + "by a per-session token); the customer's return page and the shop's status route poll ePayment "
                + "while the payment is open; ")
                + "a reconciler asks Vipps about every open order each minute and files "
                + "the payment history (Order Management). Staff and the shop server capture, refund and cancel "
                + "through `POST /orders/{reference}/capture|refund|cancel` (ePayment, each operation recorded with "
                + "its Idempotency-Key before Vipps is called); staff look orders up with `GET /orders` and "
                + "`GET /orders/{reference}`, which merges our history with Vipps' event log.");
        d.add("");
        d.add("**Where.** " + run.target.where() + (run.target.region() == null ? "" : "; AWS region "
                + run.target.region()) + ". Vipps MobilePay " + (run.settings.production() ? "production" : "test")
                + " environment (" + run.target.vipps().baseUrl() + "), Merchant Serial Number "
                + run.target.vipps().merchantSerialNumber() + (run.target.local()
                ? ". Keys generated at start and given to each function as Lambda gives them; orders in dynalite "
                + "(DynamoDB's API), the table as template.yaml declares it."
                : ". Keys in AWS Secrets Manager, read by each function at cold start; orders in one DynamoDB table "
                + "(on-demand, point-in-time recovery)."));
        d.add("");
        d.add("**Functions** (AWS Lambda, one per function, GraalVM native on provided.al2023; HTTP API with a Lambda "
                + "authorizer on the shop and staff routes):");
        d.add("");
        d.add("| function | what it does | routes |");
        d.add("|---|---|---|");
        functions().forEach(d::add);
        d.add("");
        d.add("**Vipps MobilePay APIs used.** Access Token; " + (epayment ? "ePayment v1 (create, get, event log, "
                + "capture, refund, cancel)" : "Checkout v3 (create session, get session, expire); ePayment v1 (get, "
                + "event log, capture, refund, cancel)") + "; Order Management v2 (receipt, category, get).");

        r.forVipps.add("The references of the test orders and their final states (\"Test orders\" above; Vipps "
                + "asks for CAPTURED, REFUNDED and CANCELLED in the test environment, and AUTHORIZED, CAPTURED, "
                + "REFUNDED and CANCELLED in production).");
        r.forVipps.add("This report as the filled-in integration checklist (go-live-report.md).");
        r.forVipps.add("The description of the solution above (flow, functions, region).");
        r.forVipps.add("Pilot customer information: who pays first and when — to be filled in by a person.");
        r.forVipps.add("Screenshots or a short recording of the payment flow in the real shop, for the design "
                + "review — to be made by a person.");
    }

    /** One table row per function of template.yaml, with the routes the API routes to it. */
    private static List<String> functions() {
        List<String> rows = new ArrayList<>();
        try {
            SamTemplate template = SamTemplate.load();
            for (String id : template.ofType("AWS::Serverless::Function")) {
                Map<String, Object> properties = template.functionProperties(id);
                String export = template.export(id).orElse(id);
                List<String> routes = Routes.ALL.stream().filter(route -> route.function().equals(export))
                        .map(Route::routeKey).map(k -> "`" + k + "`").toList();
                String what = String.valueOf(properties.getOrDefault("Description", ""));
                rows.add("| " + export + " | " + what.replace("|", "\\|") + " | "
                        + (routes.isEmpty() ? (export.equals("reconcile") ? "schedule, every minute"
                        : export.equals("authorize") ? "authorizer of the shop and staff routes" : "—")
                        : String.join(", ", routes)) + " |");
            }
        } catch (RuntimeException e) {
            rows.add("| (template.yaml not readable here: " + e.getMessage() + ") | | |");
        }
        return rows;
    }
}
