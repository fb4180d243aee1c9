package com.aiqueryhub.monitor.checks.postdeploy;

/**
 * The verification's own check; the rest of a postdeploy run are the smoke, front-end, gateway and bot checks tagged
 * postdeploy in their own classes.
 */
public final class PostdeployChecks {
    public static final Class<?>[] CLASSES = {DeployVerificationCheck.class};

    private PostdeployChecks() {
    }
}
