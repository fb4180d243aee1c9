package com.aiqueryhub.monitor.run;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One cause, one finding. A cause with a subject (the front end down, the app not starting, a CORS preflight refusing
 * the app) belongs to the check whose subject it is, among the checks this run selected, whichever meets it first; the
 * others point at that check. A cause without one (a refused credential, a rate limit that persists) is claimed by the
 * first check to meet it.
 */
public final class Findings {

    private final Map<String, String> claims = new ConcurrentHashMap<>();
    private final Set<String> planned;
    /** Checks of the plan that ended without a verdict of their own (a maintenance window, a missing setting, an opt-in). */
    private final Set<String> resigned = ConcurrentHashMap.newKeySet();

    /** @param planned the ids of the checks this run selected; empty when not known (then the first to meet a cause owns it) */
    public Findings(Set<String> planned) {
        this.planned = Set.copyOf(planned);
    }

    /** The check that reports {@code cause}: {@code checkId} when it is the first to meet it. */
    public String claim(String cause, String checkId) {
        String first = claims.putIfAbsent(cause, checkId);
        return first == null ? checkId : first;
    }

    /**
     * The check that reports {@code cause}: the first of {@code owners} (most specific first) that this run selected,
     * else the first check to meet it.
     */
    public String owner(String cause, List<String> owners, String checkId) {
        return owners.stream().filter(this::planned).findFirst().orElseGet(() -> claim(cause, checkId));
    }

    /** Whether the run selected this check, and it has not ended without a verdict of its own: it reports its causes. */
    public boolean planned(String checkId) {
        return planned.contains(checkId) && !resigned.contains(checkId);
    }

    /** {@code checkId} ended without looking (skipped): the causes it owns go to the next owner, or the first to meet them. */
    public void resign(String checkId) {
        resigned.add(checkId);
    }
}
