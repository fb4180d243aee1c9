package com.aiqueryhub.monitor.run;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One cause, one finding: the first check to meet a cause (a refused credential, a rate limit that persists, an
 * unreachable front end) claims it and reports it; every later one is pointed at that check instead of repeating it.
 */
public final class Findings {

    private final Map<String, String> claims = new ConcurrentHashMap<>();

    /** The check that reports {@code cause}: {@code checkId} when it is the first to meet it. */
    public String claim(String cause, String checkId) {
        String first = claims.putIfAbsent(cause, checkId);
        return first == null ? checkId : first;
    }
}
