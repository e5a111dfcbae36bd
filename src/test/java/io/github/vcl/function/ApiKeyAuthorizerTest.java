package io.github.vcl.function;

import io.github.vcl.vipps.Secret;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiKeyAuthorizerTest {
    private final ApiKeyAuthorizer authorizer = new ApiKeyAuthorizer(List.of(
            Secret.of("shop-key-0123456789abcdef0123456789"), Secret.of("staff-key-kari-0123456789abcdef012")));

    @Test
    void allowsEveryConfiguredKeyAsBearer() {
        assertTrue(authorizer.isKnown("Bearer shop-key-0123456789abcdef0123456789"));
        assertTrue(authorizer.isKnown("Bearer staff-key-kari-0123456789abcdef012"));
    }

    @Test
    void refusesEverythingElse() {
        assertFalse(authorizer.isKnown(null));
        assertFalse(authorizer.isKnown(""));
        assertFalse(authorizer.isKnown("shop-key-0123456789abcdef0123456789"));
        assertFalse(authorizer.isKnown("Basic shop-key-0123456789abcdef0123456789"));
        assertFalse(authorizer.isKnown("Bearer shop-key-0123456789abcdef012345678"));
        assertFalse(authorizer.isKnown("Bearer "));
    }
}
