package io.github.vcl.vipps.epayment.model;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Send the customer to {@code redirectUrl} unchanged (never in an iFrame). */
@RegisterForReflection
public record CreatePaymentResponse(String redirectUrl, String reference) {
}
