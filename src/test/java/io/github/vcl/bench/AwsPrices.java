package io.github.vcl.bench;

import java.math.BigDecimal;

/**
 * The AWS list prices the cost benchmark uses, in USD; where they come from and how sure they are: docs/cost.md.
 * Lambda on arm64 with 512 MB, DynamoDB on-demand (standard table class), API Gateway HTTP API.
 */
final class AwsPrices {
    static final BigDecimal LAMBDA_PER_REQUEST = new BigDecimal("0.20").movePointLeft(6);
    static final BigDecimal LAMBDA_PER_GB_SECOND = new BigDecimal("0.0000133334");
    static final BigDecimal LAMBDA_MEMORY_GB = new BigDecimal("0.5");
    static final BigDecimal DYNAMODB_PER_WRITE_UNIT = new BigDecimal("0.625").movePointLeft(6);
    static final BigDecimal DYNAMODB_PER_READ_UNIT = new BigDecimal("0.125").movePointLeft(6);
    static final BigDecimal HTTP_API_PER_REQUEST = new BigDecimal("1.00").movePointLeft(6);

    private AwsPrices() {
    }
}
