package com.aiqueryhub.monitor.sandbox;

import com.aiqueryhub.monitor.config.SettingsException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Vite build of the real app's front end on disk (sandbox.frontend-build): its files by path, the Supabase addresses
 * in it (Vite writes VITE_SUPABASE_URL into the main chunk as a literal; the app's landing page names its production
 * project's storage outright, src/pages/Landing.tsx@4abbf11) and the project keys baked in with them. The sandbox serves
 * these files with every such address replaced by its own project's, and its gateway takes those keys.
 */
record FrontendBuild(Path dir, Map<String, byte[]> files, Set<String> bakedUrls, Set<String> keys) {

    private static final Pattern SUPABASE_URL = Pattern.compile("https://[a-z0-9-]+\\.supabase\\.(?:co|in)");
    /** A publishable key, or a legacy anon key: a JWT whose claims say role anon. */
    private static final Pattern KEY = Pattern.compile("sb_publishable_[A-Za-z0-9_-]+|eyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    static FrontendBuild load(String folder) {
        Path dir = Path.of(folder);
        if (!Files.isRegularFile(dir.resolve("index.html"))) {
            throw new SettingsException("sandbox.frontend-build='" + folder + "' is not a build of the app: no index.html in it");
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path f : all.filter(Files::isRegularFile).sorted().toList()) {
                files.put("/" + dir.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> urls = new TreeSet<>();
        Set<String> keys = new TreeSet<>();
        files.entrySet().stream().filter(e -> e.getKey().endsWith(".js")).forEach(e -> {
            String text = new String(e.getValue(), StandardCharsets.UTF_8);
            Matcher url = SUPABASE_URL.matcher(text);
            while (url.find()) {
                urls.add(url.group());
            }
            Matcher key = KEY.matcher(text);
            while (key.find()) {
                if (key.group().startsWith("sb_publishable_") || anonJwt(key.group())) {
                    keys.add(key.group());
                }
            }
        });
        if (urls.isEmpty()) {
            throw new SettingsException("sandbox.frontend-build='" + folder + "': no Supabase address (https://<ref>.supabase.co) "
                    + "in its scripts; was it built with VITE_SUPABASE_URL?");
        }
        return new FrontendBuild(dir, files, urls, keys);
    }

    /** The build's files as served: text files with the Supabase addresses replaced by the sandbox project's. */
    Map<String, byte[]> servedAt(String projectUrl) {
        Function<Map.Entry<String, byte[]>, byte[]> served = e -> {
            if (!text(e.getKey())) {
                return e.getValue();
            }
            String text = new String(e.getValue(), StandardCharsets.UTF_8);
            for (String baked : bakedUrls) {
                text = text.replace(baked, projectUrl);
            }
            return text.getBytes(StandardCharsets.UTF_8);
        };
        return files.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, served, (a, b) -> a, LinkedHashMap::new));
    }

    static boolean text(String path) {
        return path.matches(".*\\.(js|mjs|css|html|json|txt|svg|webmanifest)$");
    }

    private static boolean anonJwt(String jwt) {
        try {
            String claims = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
            return claims.replace(" ", "").contains("\"role\":\"anon\"");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
