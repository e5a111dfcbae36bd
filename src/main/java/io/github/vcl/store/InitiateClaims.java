package io.github.vcl.store;

import io.github.vcl.order.Reference;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static io.github.vcl.store.OrderTable.*;

/**
 * The shop's Idempotency-Keys for starting a payment: the first request under a key claims it for a reference
 * (conditional put); a retry finds the claim and gets the same session. Claims live in the orders table under
 * {@code initiate-key#<key hash>} (a value no reference can have: '#' is not allowed in references) and expire through
 * DynamoDB TTL after a day.
 */
public class InitiateClaims {
    static final String KEY_PREFIX = "initiate-key#";
    static final Duration LIFETIME = Duration.ofDays(1);

    private final DynamoDbClient dynamo;
    private final String table;

    public InitiateClaims(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * Who holds a key: the reference it started, the fingerprint of the request that started it, and when (to the
     * second).
     */
    public record Claim(Reference reference, String fingerprint, Instant claimedAt) {
    }

    /** The claim of {@code keyHash}, if the key was used before. */
    public Optional<Claim> find(String keyHash) {
        Map<String, AttributeValue> existing = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(REFERENCE, AttributeValue.fromS(KEY_PREFIX + keyHash)))).item();
        return existing == null || existing.isEmpty() ? Optional.empty() : Optional.of(claimOf(existing));
    }

    /** Claims {@code keyHash} for {@code reference}; returns the earlier claim instead if the key is taken. */
    public Optional<Claim> claim(String keyHash, Reference reference, String fingerprint, Instant now) {
        Map<String, AttributeValue> item = Map.of(
                REFERENCE, AttributeValue.fromS(KEY_PREFIX + keyHash),
                CLAIMED_REFERENCE, AttributeValue.fromS(reference.value()),
                FINGERPRINT, AttributeValue.fromS(fingerprint),
                EXPIRES_AT, OrderItemMapper.n(now.plus(LIFETIME).getEpochSecond()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#ref)")
                    .expressionAttributeNames(Map.of("#ref", REFERENCE)));
            return Optional.empty();
        } catch (ConditionalCheckFailedException taken) {
            return find(keyHash);
        }
    }

    private static Claim claimOf(Map<String, AttributeValue> item) {
        Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(item.get(EXPIRES_AT).n()));
        return new Claim(Reference.of(item.get(CLAIMED_REFERENCE).s()), item.get(FINGERPRINT).s(),
                expiresAt.minus(LIFETIME));
    }

    /** Gives a key back when the reference it was claimed for could not be used; only if it still points there. */
    public void release(String keyHash, Reference reference) {
        try {
            dynamo.deleteItem(b -> b.tableName(table)
                    .key(Map.of(REFERENCE, AttributeValue.fromS(KEY_PREFIX + keyHash)))
                    .conditionExpression("#c = :c")
                    .expressionAttributeNames(Map.of("#c", CLAIMED_REFERENCE))
                    .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(reference.value()))));
        } catch (ConditionalCheckFailedException alreadyElsewhere) {
            // Someone else's claim now; leave it.
        }
    }
}
