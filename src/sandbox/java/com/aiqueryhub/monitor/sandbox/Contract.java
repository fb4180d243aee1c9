package com.aiqueryhub.monitor.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One recorded answer of a real interface, read from the classpath resource {@code contracts/NAME.http} (kept in
 * src/sandbox/resources/contracts, on the test classpath; never read by a file path). The file starts with
 * {@code # source:} lines saying where the shape comes from, then {@code HTTP <status>}, header lines, an empty line and the body. The sandbox serves these
 * answers and the contract tests parse them with the checks' own readers, so both stand on the same shapes.
 */
public record Contract(String name, List<String> provenance, int status, Map<String, String> headers, String body) {

    public static Contract load(String name) {
        String resource = "contracts/" + name + (name.endsWith(".http") ? "" : ".http");
        try (InputStream in = Contract.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("contract fixture missing from the classpath: " + resource);
            }
            return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    /** The name of every recorded answer on the classpath ({@code app/ai-query/missing-authorization}, ...), sorted. */
    public static List<String> names() {
        URL root = Contract.class.getClassLoader().getResource("contracts");
        if (root == null) {
            throw new IllegalStateException("no contract fixtures (contracts/) on the classpath");
        }
        try {
            URI uri = root.toURI();
            if (uri.getScheme().equals("jar")) { // the fixtures packed in a jar: read its entries where they are
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return names(jar.provider().getPath(uri));
                }
            }
            return names(Path.of(uri));
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot list the contract fixtures at " + root + ": " + e.getMessage(), e);
        }
    }

    private static List<String> names(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.getFileName() != null && f.getFileName().toString().endsWith(".http"))
                    .map(f -> root.relativize(f).toString().replace('\\', '/').replaceFirst("\\.http$", ""))
                    .sorted().toList();
        }
    }

    static Contract parse(String name, String text) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        List<String> provenance = new ArrayList<>();
        int i = 0;
        for (; i < lines.length && (lines[i].startsWith("#") || lines[i].isBlank()); i++) {
            if (lines[i].startsWith("#")) {
                provenance.add(lines[i].replaceFirst("^#\\s*", ""));
            }
        }
        if (provenance.stream().noneMatch(p -> p.startsWith("source:"))) {
            throw new IllegalStateException("contract " + name + " names no source (a '# source:' line)");
        }
        if (i >= lines.length || !lines[i].matches("HTTP(/[0-9.]+)? \\d{3}.*")) {
            throw new IllegalStateException("contract " + name + ": expected 'HTTP <status>' after the provenance lines");
        }
        int status = Integer.parseInt(lines[i].replaceFirst("HTTP(/[0-9.]+)? ", "").substring(0, 3));
        Map<String, String> headers = new LinkedHashMap<>();
        for (i++; i < lines.length && !lines[i].isEmpty(); i++) {
            int colon = lines[i].indexOf(':');
            if (colon < 1) {
                throw new IllegalStateException("contract " + name + ": not a header line: " + lines[i]);
            }
            headers.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
        }
        StringBuilder body = new StringBuilder();
        for (i++; i < lines.length; i++) {
            body.append(lines[i]).append(i < lines.length - 1 ? "\n" : "");
        }
        // a file ends with a newline that is not part of the answer
        String b = body.toString();
        return new Contract(name, List.copyOf(provenance), status, headers, b.endsWith("\n") ? b.substring(0, b.length() - 1) : b);
    }

    /** The same answer with one header set to {@code value} (the allowed origin of this sandbox, say). */
    public Contract withHeader(String header, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(header, value);
        return new Contract(name, provenance, status, h, body);
    }

    /**
     * The same JSON answer edited as an object (a value made current, a field an API grew): the body is read as a
     * tree, changed by {@code edit} and written back as compact JSON with every other field and number as recorded.
     */
    public Contract withJson(Consumer<JsonNode> edit) {
        JsonNode tree = SandboxJson.parse(body);
        edit.accept(tree);
        return new Contract(name, provenance, status, headers, SandboxJson.text(tree));
    }

    /** The same answer with {@code placeholder} replaced in its text (a response template's expression put in). */
    public Contract with(String placeholder, String value) {
        return new Contract(name, provenance, status, headers, body.replace(placeholder, value));
    }
}
