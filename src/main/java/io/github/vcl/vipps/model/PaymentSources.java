package io.github.vcl.vipps.model;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
public record PaymentSources(Long giftCard, Long card, Long voucher, Long cash) {
}
