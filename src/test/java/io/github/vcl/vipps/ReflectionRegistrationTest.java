package io.github.vcl.vipps;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The native build needs every JSON type registered for reflection: a DTO without the annotation fails here. */
class ReflectionRegistrationTest {

    @Test
    void everyJsonTypeIsRegisteredForReflection() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(VippsSettings.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path vipps = root.resolve("io/github/vcl/vipps");
        List<String> classNames;
        try (Stream<Path> files = Files.walk(vipps)) {
            classNames = files.map(p -> root.relativize(p).toString().replace('/', '.'))
                    .filter(n -> n.endsWith(".class"))
                    .map(n -> n.substring(0, n.length() - ".class".length()))
                    .filter(n -> n.contains(".model.") || n.endsWith("AccessTokenResponse"))
                    .toList();
        }
        assertTrue(classNames.size() > 30, "found " + classNames);
        List<String> missing = new java.util.ArrayList<>();
        for (String name : classNames) {
            Class<?> type = Class.forName(name);
            boolean json = type.isRecord() || type.isEnum();
            if (json && !type.isAnnotationPresent(RegisterForReflection.class)) {
                missing.add(name);
            }
        }
        assertEquals(List.of(), missing);
    }
}
