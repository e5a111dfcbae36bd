package io.github.vcl.vipps.it;

import io.github.vcl.vipps.checkout.model.CheckoutConfiguration;
import io.github.vcl.vipps.checkout.model.InitiateSessionRequest;
import io.github.vcl.vipps.checkout.model.Logistics;
import io.github.vcl.vipps.checkout.model.LogisticsOption;
import io.github.vcl.vipps.checkout.model.MerchantInfo;
import io.github.vcl.vipps.checkout.model.OrderBottomLine;
import io.github.vcl.vipps.checkout.model.OrderSummary;
import io.github.vcl.vipps.checkout.model.PaymentTransaction;
import io.github.vcl.vipps.checkout.model.PrefillCustomer;
import io.github.vcl.vipps.epayment.model.CreatePaymentRequest;
import io.github.vcl.vipps.model.Amount;
import io.github.vcl.vipps.model.UnitInfo;
import io.github.vcl.vipps.model.VippsOrderLine;
import io.github.vcl.vipps.ordermanagement.model.BottomLine;
import io.github.vcl.vipps.ordermanagement.model.Receipt;

import java.util.List;

/** Realistic request bodies for the integration tests. */
final class Requests {

    private Requests() {
    }

    /** 2 x 199.50 socks + 100.00 shipping = 499.00 NOK, 25 % VAT. */
    static InitiateSessionRequest session(String reference) {
        return InitiateSessionRequest.payment(
                new MerchantInfo("https://shop.example/vipps/callback/" + reference,
                        "https://shop.example/return/" + reference, "cb-token-" + reference,
                        "https://shop.example/terms"),
                new PaymentTransaction(Amount.nok(49900), reference, "Two pairs of socks",
                        new OrderSummary(orderLines(), OrderBottomLine.of("NOK"))),
                Logistics.fixed(List.of(
                        LogisticsOption.of("POSTEN", "posten-1", 1, true, Amount.nok(10000), "HOME_DELIVERY",
                                "Delivered to your door"),
                        LogisticsOption.other("pickup-store", "Pick up in store", 2, false, Amount.nok(0),
                                "Oslo city centre"))),
                new PrefillCustomer("Ola", "Nordmann", "ola@example.com", "4791234567", "Robert Levins gate 5",
                        "Oslo", "0150", "NO"),
                CheckoutConfiguration.webDefaults());
    }

    static List<VippsOrderLine> orderLines() {
        return List.of(
                VippsOrderLine.of("sku-socks", "Socks", 39900, 31920, 7980, 2500, UnitInfo.pieces(19950, 2))
                        .withProductUrl("https://shop.example/socks"),
                VippsOrderLine.of("shipping", "Shipping", 10000, 8000, 2000, 2500, null).asShipping());
    }

    static Receipt receipt() {
        return new Receipt(orderLines(), BottomLine.of("NOK"));
    }

    static CreatePaymentRequest payment(String reference, long amount) {
        return CreatePaymentRequest.webRedirect(Amount.nok(amount), reference,
                "https://shop.example/return/" + reference, "Order " + reference);
    }
}
