package io.github.vcl.deploy;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AWS's CloudFormation linter on template.yaml (it expands the SAM transform with AWS's own translator and checks
 * the resulting resources against the CloudFormation schemas). cfn-lint is a Python tool; the CI machine has it
 * ({@code pip install cfn-lint} elsewhere). Without it on the PATH this test is skipped with a message.
 */
class CfnLintTest {
    @Test
    void templateHasNoErrorsOrWarnings() throws Exception {
        Path cfnLint = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "cfn-lint")).filter(Files::isExecutable).findFirst().orElse(null);
        Assumptions.assumeTrue(cfnLint != null, "cfn-lint is not on the PATH (pip install cfn-lint): skipped");
        Process process = new ProcessBuilder(cfnLint.toString(), "--format", "parseable",
                SamTemplate.path().toString())
                .redirectErrorStream(true).start();
        String output;
        try (var in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "cfn-lint did not finish");
        assertEquals(0, process.exitValue(), "cfn-lint found problems:\n" + output);
    }
}
