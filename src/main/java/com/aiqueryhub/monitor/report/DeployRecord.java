package com.aiqueryhub.monitor.report;

import com.aiqueryhub.monitor.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the gate before a deploy saw, kept for the verification after it (reports/history/monitor-deploy.json, one
 * entry per environment): the deploy that was live then, so "the new deploy is live" means it changed, and the
 * rollback targets, so a failed deploy's remedy names them.
 *
 * @param at              when the gate ran (ISO-8601)
 * @param liveDeployId    the Netlify deploy that was published, empty without the Netlify API
 * @param liveCommit      its commit
 * @param liveBundle      the main bundle the front end referenced (/assets/index-HASH.js), empty if none
 * @param rollbackDeploy  the earlier production deploy a rollback restores, empty if none was ready
 * @param rollbackCommit  its commit
 * @param functions       each edge function's deployed version, by slug
 */
public record DeployRecord(String at, String liveDeployId, String liveCommit, String liveBundle, String rollbackDeploy,
                           String rollbackCommit, Map<String, Integer> functions) {

    public record File(Map<String, DeployRecord> environments) {
    }

    public static Path file(Path reportDir) {
        return reportDir.resolve("history").resolve("monitor-deploy.json");
    }

    /** The record kept for {@code environment}; empty when no gate ran there (or the file is damaged). */
    public static Optional<DeployRecord> load(Path reportDir, String environment) {
        return read(reportDir).map(f -> f.environments().get(environment));
    }

    /** Keeps this record for {@code environment}, beside the other environments' ones. */
    public void save(Path reportDir, String environment) throws IOException {
        Map<String, DeployRecord> all = new LinkedHashMap<>(read(reportDir).map(File::environments).orElse(Map.of()));
        all.put(environment, this);
        Path file = file(reportDir);
        Files.createDirectories(file.getParent());
        Files.writeString(file, Json.pretty(new File(all)) + "\n", StandardCharsets.UTF_8);
    }

    /** Whether this record was kept before {@code time}. */
    public boolean before(java.time.Instant time) {
        try {
            return java.time.Instant.parse(at).isBefore(time);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The runbook's "Emergency Rollback", filled in with these targets. */
    public List<String> rollbackSteps() {
        StringBuilder functionsLine = new StringBuilder();
        functions.forEach((slug, version) -> functionsLine.append(functionsLine.length() == 0 ? "" : ", ").append(slug)
                .append(" (version ").append(version).append(" before the deploy)"));
        return List.of(
                rollbackDeploy.isEmpty() ? "front end: git revert HEAD && git push origin main (no earlier ready Netlify deploy was recorded)"
                        : "front end: publish Netlify deploy " + rollbackDeploy + " (commit " + shortSha(rollbackCommit)
                        + ") in Deploys, or git revert HEAD && git push origin main",
                "functions: redeploy the previous version of each changed function"
                        + (functionsLine.length() == 0 ? "" : ": " + functionsLine),
                "database: only with extreme caution, point-in-time recovery from the Supabase dashboard");
    }

    private static String shortSha(String sha) {
        return sha == null || sha.length() < 12 ? String.valueOf(sha) : sha.substring(0, 12);
    }

    private static Optional<File> read(Path reportDir) {
        Path file = file(reportDir);
        try {
            if (Files.isRegularFile(file)) {
                File f = Json.mapper().readValue(Files.readString(file, StandardCharsets.UTF_8), File.class);
                return f.environments() == null ? Optional.empty() : Optional.of(f);
            }
        } catch (IOException | RuntimeException e) {
            // a damaged record is no record: the verification says it has nothing to compare with
        }
        return Optional.empty();
    }
}
