package com.aiqueryhub.monitor.check;

import com.aiqueryhub.monitor.checks.daily.DailyChecks;
import com.aiqueryhub.monitor.checks.emergency.EmergencyChecks;
import com.aiqueryhub.monitor.checks.monthly.MonthlyChecks;
import com.aiqueryhub.monitor.checks.postdeploy.PostdeployChecks;
import com.aiqueryhub.monitor.checks.predeploy.PredeployChecks;
import com.aiqueryhub.monitor.checks.preflight.PreflightChecks;
import com.aiqueryhub.monitor.checks.smoke.SmokeChecks;
import com.aiqueryhub.monitor.checks.weekly.WeeklyChecks;
import com.aiqueryhub.monitor.config.Keys;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Needs are declared where checks are written, and what the preflight derives from them is what the cadences need. */
class CheckNeedsTest {

    private static final List<Class<?>> SCANNED = CheckNeeds.scan("com.aiqueryhub.monitor.checks");

    @Test
    void theScanFindsEveryCheckClassOfEveryCadence() {
        Set<Class<?>> listed = Stream.of(DailyChecks.CLASSES, WeeklyChecks.CLASSES, MonthlyChecks.CLASSES, EmergencyChecks.CLASSES,
                SmokeChecks.CLASSES, PredeployChecks.CLASSES, PostdeployChecks.CLASSES, PreflightChecks.CLASSES)
                .flatMap(Arrays::stream).collect(Collectors.toSet());
        assertThat(SCANNED).containsAll(listed);
    }

    @Test
    void everyNeedNamesADeclaredSetting() {
        for (Class<?> type : SCANNED) {
            for (Method method : type.getDeclaredMethods()) {
                for (String need : CheckNeeds.of(type, method)) {
                    for (String key : need.split("\\|")) {
                        assertThat(Keys.named(key)).as("%s.%s needs '%s'", type.getSimpleName(), method.getName(), key).isPresent();
                    }
                }
            }
        }
    }

    @Test
    void eachCadenceNeedsWhatItsChecksDeclare() {
        Map<String, List<String>> needs = CheckNeeds.byCadence(SCANNED);

        assertThat(needs.keySet()).containsExactly("smoke", "daily", "weekly", "monthly", "emergency", "predeploy", "postdeploy");
        assertThat(needs.get("smoke")).containsExactlyInAnyOrder("frontend.url", "supabase.url", "telegram.secret-token",
                "slack.signing-secret");
        assertThat(needs.get("daily")).containsExactlyInAnyOrder("frontend.url", "supabase.url", "supabase.project-ref",
                "supabase.access-token", "db.user", "db.password");
        // the troubleshooting checks run weekly and in an emergency: their needs go to both
        assertThat(needs.get("weekly")).contains("supabase.service-role-key", "db.password",
                "cost.openrouter.api-key|cost.anthropic.admin-key|cost.openai.admin-key");
        assertThat(needs.get("emergency")).contains("telegram.secret-token", "slack.signing-secret", "db.password");
        assertThat(needs.get("monthly")).contains("secrets.rotated-on");
        // the deploy gate reads Netlify and the staging project; the rollback check compares with Netlify
        assertThat(needs.get("predeploy")).contains("netlify.auth-token", "netlify.site-id", "deploy.staging-project-ref");
        assertThat(needs.get("postdeploy")).contains("netlify.auth-token", "netlify.site-id", "frontend.url");
    }

    @Test
    void aCheckNeedsItsStepsNeedsAndItsOwn() throws Exception {
        Class<?> database = Class.forName("com.aiqueryhub.monitor.checks.daily.DatabaseCheck");
        Class<?> backend = Class.forName("com.aiqueryhub.monitor.checks.daily.BackendApiCheck");

        assertThat(CheckNeeds.of(database, method(database, "project-status")))
                .containsExactly("supabase.project-ref", "supabase.access-token");
        assertThat(CheckNeeds.of(database, method(database, "sql"))).containsExactly("db.user", "db.password");
        assertThat(CheckNeeds.of(backend, method(backend, "cors"))).containsExactly("supabase.url", "frontend.url");
    }

    private static Method method(Class<?> type, String checkId) {
        return Arrays.stream(type.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(Check.class)
                && m.getAnnotation(Check.class).id().equals(checkId)).findFirst().orElseThrow();
    }
}
