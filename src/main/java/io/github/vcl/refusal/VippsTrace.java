package io.github.vcl.refusal;

import io.github.vcl.vipps.VippsApiException;

/** What Vipps MobilePay support needs to find a call: its traceId and error code, where Vipps gave them. */
public record VippsTrace(String traceId, String errorCode) {
    public static final VippsTrace NONE = new VippsTrace(null, null);

    public static VippsTrace of(VippsApiException e) {
        return new VippsTrace(e.traceId().orElse(null), e.errorCode().orElse(null));
    }
}
