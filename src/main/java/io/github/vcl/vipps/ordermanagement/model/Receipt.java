package io.github.vcl.vipps.ordermanagement.model;

import io.github.vcl.vipps.model.VippsOrderLine;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** Order Management receipt (also ePayment {@code receipt}). Write-once per order. */
@RegisterForReflection
public record Receipt(List<VippsOrderLine> orderLines, BottomLine bottomLine) {
}
