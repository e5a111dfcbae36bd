package io.github.vcl.store;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;

import java.net.URI;

/** The same store tests against LocalStack where Docker exists; skipped (and reported as skipped) where it does not. */
@Testcontainers(disabledWithoutDocker = true)
class OrderStoreOnLocalStackTest extends OrderStoreContract {
    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer("localstack/localstack:4.4")
            .withServices("dynamodb");

    @Override
    URI endpoint() {
        return LOCALSTACK.getEndpoint();
    }
}
