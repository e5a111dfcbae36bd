package io.github.vcl.vipps.checkout.model;

import io.github.vcl.vipps.model.VippsOrderLine;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** Note: {@code orderBottomLine} here, {@code bottomLine} in Order Management receipts. */
@RegisterForReflection
public record OrderSummary(List<VippsOrderLine> orderLines, OrderBottomLine orderBottomLine) {
}
