package io.github.vcl.store;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP client that connects nowhere: it answers each DynamoDB operation the functions use with a fixed answer in
 * DynamoDB's wire format — an item with the kinds of value an order's holds (strings, numbers, a list of maps with a
 * boolean) for reads and queries, a refused condition for writes — so that {@link OrderStore#warmUp} can take the SDK
 * through reading answers (parsing, unmarshalling items, turning an error into its exception) while the function
 * starts, which a call stopped before sending ({@link DryRun}) never reaches.
 */
final class CannedAnswers implements SdkHttpClient {
    /** The table the rehearsal's requests name, and its batch answer holds. */
    static final String TABLE = "warm-up";
    private static final String ITEM = """
            {"reference":{"S":"warm-up"},"version":{"N":"1"},"amount":{"N":"100"},\
            "lines":{"L":[{"M":{"name":{"S":"warm-up"},"quantity":{"N":"1"},"shipping":{"BOOL":false}}}]}}""";
    private static final String REFUSED = """
            {"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",\
            "message":"The conditional request failed"}""";

    /** A DynamoDB client answered by this one, with credentials of its own: it reads nothing from the environment. */
    static DynamoDbClient client() {
        return DynamoDbClient.builder().httpClient(new CannedAnswers())
                .region(Region.EU_NORTH_1).endpointOverride(URI.create("http://warm-up.invalid"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("warm", "up")))
                .build();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        String operation = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
        return switch (operation.substring(operation.indexOf('.') + 1)) {
            case "GetItem" -> answer(200, "{\"Item\":" + ITEM + "}");
            case "Query" -> answer(200, "{\"Count\":1,\"ScannedCount\":1,\"Items\":[" + ITEM + "]}");
            case "BatchGetItem" -> answer(200, "{\"Responses\":{\"" + TABLE + "\":[" + ITEM + "]},"
                    + "\"UnprocessedKeys\":{}}");
            default -> answer(400, REFUSED);
        };
    }

    private static ExecutableHttpRequest answer(int status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(status)
                                .putHeader("Content-Type", "application/x-amz-json-1.0")
                                .putHeader("Content-Length", Integer.toString(bytes.length)).build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
                        .build();
            }

            @Override
            public void abort() {
                // nothing is in flight
            }
        };
    }

    @Override
    public void close() {
        // holds nothing
    }
}
