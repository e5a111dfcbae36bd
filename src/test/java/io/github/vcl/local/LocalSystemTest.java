package io.github.vcl.local;

import io.github.vcl.deploy.SamTemplate;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The local system runs each function as template.yaml deploys it. */
class LocalSystemTest {

    @Test
    void everyFunctionHasTheTimeoutTheTemplateGivesIt() {
        SamTemplate template = SamTemplate.load();
        for (String function : LocalSystem.functions()) {
            Object timeout = SamTemplate.map(template.resource(template.functionExporting(function))
                    .get("Properties")).get("Timeout");
            assertEquals(Duration.ofSeconds(((Number) timeout).longValue()), LocalSystem.timeout(function),
                    function);
        }
    }
}
