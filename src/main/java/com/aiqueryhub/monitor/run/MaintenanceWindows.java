package com.aiqueryhub.monitor.run;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Setting;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.config.SettingsException;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Planned maintenance, from {@code maintenance.windows}: {@code START/END_OR_DURATION[@ZONE][=SELECTORS]}, several
 * separated by {@code ;}. START and END are local date-times ({@code 2026-12-01T02:00}), a duration is ISO
 * ({@code PT2H}) or short ({@code 2h}); ZONE defaults to UTC; SELECTORS are {@code *} (default), {@code tag:daily}
 * or check ids with {@code *} wildcards ({@code frontend.*}). A check inside an active window is skipped with
 * reason "maintenance" and sends no notification.
 */
public final class MaintenanceWindows {

    record Window(Instant start, Instant end, ZoneId zone, List<String> selectors, String text) {
        boolean covers(Instant now, String checkId, Set<String> tags) {
            if (now.isBefore(start) || !now.isBefore(end)) {
                return false;
            }
            return selectors.stream().anyMatch(sel -> sel.equals("*")
                    || (sel.startsWith("tag:") && tags.contains(sel.substring(4)))
                    || checkId.matches(sel.replace(".", "\\.").replace("*", ".*")));
        }
    }

    private final List<Window> windows;

    private MaintenanceWindows(List<Window> windows) {
        this.windows = windows;
    }

    public static MaintenanceWindows from(Settings settings) {
        String text = settings.find(Keys.MAINTENANCE_WINDOWS).orElse("");
        List<Window> windows = new ArrayList<>();
        for (String raw : text.split(";")) {
            String w = raw.strip();
            if (!w.isEmpty()) {
                windows.add(parse(w));
            }
        }
        return new MaintenanceWindows(List.copyOf(windows));
    }

    /** The reason to skip {@code checkId} now, if a window covers it. */
    public Optional<String> activeFor(String checkId, Set<String> tags, Instant now) {
        return windows.stream().filter(w -> w.covers(now, checkId, tags)).findFirst()
                .map(w -> "maintenance: planned window " + w.text() + " (until " + w.end().atZone(w.zone()).toLocalDateTime()
                        + " " + w.zone() + "); no notification is sent");
    }

    static Window parse(String text) {
        try {
            String rest = text;
            List<String> selectors = List.of("*");
            int eq = rest.indexOf('=');
            if (eq >= 0) {
                selectors = Arrays.stream(rest.substring(eq + 1).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
                rest = rest.substring(0, eq).strip();
            }
            ZoneId zone = ZoneId.of("UTC");
            int at = rest.indexOf('@');
            if (at >= 0) {
                zone = ZoneId.of(rest.substring(at + 1).strip());
                rest = rest.substring(0, at).strip();
            }
            String[] parts = rest.split("/");
            if (parts.length != 2) {
                throw new DateTimeException("START/END_OR_DURATION expected");
            }
            ZonedDateTime start = LocalDateTime.parse(parts[0].strip()).atZone(zone);
            String second = parts[1].strip();
            ZonedDateTime end;
            if (second.startsWith("P")) {
                end = start.plus(Duration.parse(second));
            } else if (Setting.parseDuration(second).isPresent()) {
                end = start.plus(Setting.parseDuration(second).get());
            } else {
                end = LocalDateTime.parse(second).atZone(zone);
            }
            if (!end.isAfter(start)) {
                throw new DateTimeException("the window ends before it starts");
            }
            return new Window(start.toInstant(), end.toInstant(), zone, selectors, text);
        } catch (DateTimeException | IllegalArgumentException e) {
            throw new SettingsException("invalid setting maintenance.windows: '" + text + "': expected "
                    + "START/END_OR_DURATION[@ZONE][=SELECTORS], e.g. 2026-12-01T02:00/PT2H@Europe/Berlin=tag:daily "
                    + "(" + e.getMessage() + "; set MAINTENANCE_WINDOWS or -Dmaintenance.windows)");
        }
    }
}
