package com.aiqueryhub.monitor.checks.predeploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The app's migration files (supabase/migrations): the Supabase CLI keys each on its version, the digits before the
 * first "_" of the file name (20250101120000_create_conversations.sql), as schema_migrations does.
 */
final class MigrationFiles {

    private MigrationFiles() {
    }

    static Set<String> versions(String dir) {
        Set<String> out = new TreeSet<>();
        files(dir).forEach(f -> out.add(version(f)));
        return out;
    }

    /** The file names of these versions, for a message. */
    static List<String> names(String dir, Collection<String> versions) {
        return files(dir).stream().filter(f -> versions.contains(version(f))).toList();
    }

    private static String version(String file) {
        int cut = file.indexOf('_');
        return cut > 0 ? file.substring(0, cut) : file.replaceFirst("\\.sql$", "");
    }

    private static List<String> files(String dir) {
        Path path = Path.of(dir);
        if (!Files.isDirectory(path)) {
            throw new UncheckedIOException(new IOException("deploy.migrations-dir " + dir + " is not a folder: point it at the "
                    + "app checkout's supabase/migrations"));
        }
        try (Stream<Path> list = Files.list(path)) {
            return list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql") && Character.isDigit(n.charAt(0)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
