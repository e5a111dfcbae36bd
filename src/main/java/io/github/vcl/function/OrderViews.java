package io.github.vcl.function;

import io.github.vcl.operations.OperationsService;
import io.github.vcl.order.Money;
import io.github.vcl.order.Operation;
import io.github.vcl.order.OperationLimit;
import io.github.vcl.order.Order;
import io.github.vcl.order.OrderLine;
import io.github.vcl.order.VippsError;
import io.github.vcl.store.Page;
import io.github.vcl.support.OrderDetail;
import io.github.vcl.support.TimelineEntry;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The JSON the operations and support APIs answer with. Amounts are minor units in the order's currency. */
final class OrderViews {
    private OrderViews() {
    }

    @RegisterForReflection
    public record OperationView(String type, long amount, String status, String idempotencyKey, String requestedBy,
                                String reason, Instant requestedAt, Instant finishedAt, ErrorView failure) {
        static OperationView of(Operation op) {
            return new OperationView(op.type().name(), op.amount().minor(), op.status().name(), op.idempotencyKey(),
                    op.requestedBy(), op.reason(), op.requestedAt(), op.finishedAt(), ErrorView.of(op.failure()));
        }
    }

    @RegisterForReflection
    public record ErrorView(int httpStatus, String code, String traceId, String message, Instant at) {
        static ErrorView of(VippsError e) {
            return e == null ? null : new ErrorView(e.httpStatus(), e.code(), e.traceId(), e.message(), e.at());
        }
    }

    /** {@code checkout} or {@code epayment}: how the customer paid. */
    static String flowOf(Order o) {
        return o.flow().name().toLowerCase(Locale.ROOT);
    }

    /** One order in a search result. */
    @RegisterForReflection
    public record OrderSummary(String reference, String shopOrderId, String flow, Instant createdAt, String status,
                               String statusText, String currency, long amount, StatusFunction.Amounts amounts) {
        static OrderSummary of(Order o) {
            return new OrderSummary(o.reference().value(), o.shopOrderId(), flowOf(o), o.createdAt(), o.status().name(),
                    o.status().label(), o.currency().name(), o.amount().minor(),
                    StatusFunction.Amounts.of(o.aggregate()));
        }
    }

    @RegisterForReflection
    public record SearchResult(List<OrderSummary> orders, String nextCursor) {
        static SearchResult of(Page<Order> page) {
            return new SearchResult(page.items().stream().map(OrderSummary::of).toList(), page.cursor());
        }
    }

    /** What the operations API answers: the operation as it stands and the order after it. */
    @RegisterForReflection
    public record OperationResult(String reference, OperationView operation, String message, String status,
                                  String statusText, String currency, StatusFunction.Amounts amounts) {
        static OperationResult of(OperationsService.Outcome outcome) {
            Order o = outcome.order();
            return new OperationResult(o.reference().value(), OperationView.of(outcome.operation()),
                    outcome.message(), o.status().name(), o.status().label(), o.currency().name(),
                    StatusFunction.Amounts.of(o.aggregate()));
        }
    }

    /** An action staff can take now, up to {@code maximum}; or why not. */
    @RegisterForReflection
    public record ActionView(String type, boolean possible, Long maximum, String refusal) {
        static ActionView of(OperationLimit limit) {
            return new ActionView(limit.type().name(), limit.possible(),
                    limit.possible() ? limit.maximum().minor() : null, limit.refusal());
        }
    }

    @RegisterForReflection
    public record LineView(String id, String name, long quantity, long unitPrice, int taxRate, boolean shipping) {
        static LineView of(OrderLine l) {
            return new LineView(l.id(), l.name(), l.quantity(), l.unitPrice().minor(), l.taxRate(), l.shipping());
        }
    }

    /** {@code GET /orders/{reference}}. */
    @RegisterForReflection
    public record DetailView(String reference, String shopOrderId, String flow, String supersededBy,
                             String description, Instant createdAt,
                             Instant updatedAt, String status, String statusText, String sessionState,
                             String paymentState, String currency, long amount, StatusFunction.Amounts amounts,
                             String pspReference, List<LineView> lines, List<ActionView> possibleActions,
                             List<OperationView> operations, ErrorView lastVippsError, List<TimelineEntry> history,
                             OrderDetail.Customer customer, List<String> notes) {
        static DetailView of(OrderDetail detail) {
            Order o = detail.order();
            Money amount = o.amount();
            return new DetailView(o.reference().value(), o.shopOrderId(), flowOf(o),
                    o.supersededBy() == null ? null : o.supersededBy().value(), o.description().text(), o.createdAt(),
                    o.updatedAt(), o.status().name(), o.status().label(), o.sessionState().name(),
                    o.paymentState().name(), amount.currency().name(), amount.minor(),
                    StatusFunction.Amounts.of(o.aggregate()), o.pspReference(),
                    o.lines().stream().map(LineView::of).toList(),
                    detail.actions().stream().map(ActionView::of).toList(),
                    o.operations().stream().map(OperationView::of).toList(), ErrorView.of(o.lastError()),
                    detail.timeline(), detail.customer().orElse(null), detail.notes());
        }
    }
}
