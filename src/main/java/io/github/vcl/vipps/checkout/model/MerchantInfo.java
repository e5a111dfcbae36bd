package io.github.vcl.vipps.checkout.model;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code callbackAuthorizationToken} is our per-session secret; {@link #toString()} hides it. */
@RegisterForReflection
public record MerchantInfo(String callbackUrl, String returnUrl, String callbackAuthorizationToken,
        String termsAndConditionsUrl) {

    @Override
    public String toString() {
        return "MerchantInfo[callbackUrl=" + callbackUrl + ", returnUrl=" + returnUrl
                + ", callbackAuthorizationToken=***, termsAndConditionsUrl=" + termsAndConditionsUrl + "]";
    }
}
