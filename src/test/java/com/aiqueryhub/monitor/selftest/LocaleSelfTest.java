package com.aiqueryhub.monitor.selftest;

import com.aiqueryhub.monitor.checks.daily.DailyChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks judge alike in every locale engineers run them in: a daily sandbox run in tr_TR, az_AZ, de_DE and en_US
 * (Turkish and Azerbaijani map "I" to a dotless "ı", which broke a library's reading of every 401). The runs go in a JVM
 * of their own, one after another: a JVM's default locale is every thread's, and this JVM runs other self-tests beside.
 */
// started among the first (see pom.xml, surefire's class order): four runs, one after another, in a JVM of their own
@org.junit.jupiter.api.Order(3)
class LocaleSelfTest {

    private static final List<String> LOCALES = List.of("tr-TR", "az-AZ", "de-DE", "en-US");

    @Test
    void aDailyRunJudgesTheSameInTheTurkishLocaleAsInEveryOther(@TempDir Path dir) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.language=tr", "-Duser.country=TR", "-XX:TieredStopAtLevel=1",
                // its own PostgreSQL cluster: this JVM's is in use
                "-Dsandbox.pg-dir=" + dir.resolve("postgres"), "-Dmonitor.report.dir=" + dir.resolve("reports"),
                "-Djdk.net.hosts.file=" + System.getProperty("jdk.net.hosts.file", ""),
                "-cp", System.getProperty("java.class.path"), LocaleSelfTest.class.getName()));
        Path out = dir.resolve("outcomes.txt");
        command.add(out.toString());
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).as("the locale runs ended").isTrue();
        assertThat(child.exitValue()).as(Files.readString(dir.resolve("child.log"))).isZero();

        Map<String, String> byLocale = new LinkedHashMap<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            int tab = line.indexOf('\t');
            byLocale.put(line.substring(0, tab), line.substring(tab + 1));
        }
        assertThat(byLocale.keySet()).containsExactlyElementsOf(LOCALES);
        assertThat(byLocale.get("en-US")).as("the reference run").doesNotContain("=failed", "=broken", "=not observed");
        byLocale.forEach((locale, outcomes) -> assertThat(outcomes).as(locale).isEqualTo(byLocale.get("en-US")));
    }

    /** In the child JVM: a daily run per locale, one after another; each run's outcomes as a line "locale\tid=status,...". */
    public static void main(String[] args) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String tag : LOCALES) {
            Locale.setDefault(Locale.forLanguageTag(tag));
            CheckRun.Result result = CheckRun.run(Map.of(), DailyChecks.CLASSES);
            StringBuilder outcomes = new StringBuilder();
            result.byId().forEach((id, o) -> outcomes.append(outcomes.length() == 0 ? "" : ",").append(id).append('=').append(o.status()));
            lines.add(tag + "\t" + outcomes);
        }
        Files.write(Path.of(args[0]), lines, StandardCharsets.UTF_8);
        System.exit(0);
    }
}
