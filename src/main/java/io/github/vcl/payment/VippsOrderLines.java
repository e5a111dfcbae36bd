package io.github.vcl.payment;

import io.github.vcl.order.OrderLine;
import io.github.vcl.vipps.model.UnitInfo;

/** Our order lines as Vipps' order lines: the same shape in Checkout's orderSummary and in receipts. */
public final class VippsOrderLines {
    private VippsOrderLines() {
    }

    public static io.github.vcl.vipps.model.VippsOrderLine of(OrderLine line) {
        var vippsLine = io.github.vcl.vipps.model.VippsOrderLine.of(line.id(), line.name(), line.totalAmount().minor(),
                line.totalAmountExcludingTax().minor(), line.totalTaxAmount().minor(), line.taxRate(),
                UnitInfo.pieces(line.unitPrice().minor(), line.quantity()));
        return line.shipping() ? vippsLine.asShipping() : vippsLine;
    }
}
