package com.aiqueryhub.monitor.check;

import com.aiqueryhub.monitor.Monitor;
import io.qameta.allure.Allure;

/** Attaches what a probe saw to the running check's report entry, masked. */
public final class Evidence {
    private Evidence() {
    }

    public static void attach(String name, String text) {
        Allure.addAttachment(name, "text/plain", Monitor.currentMasker().mask(text), ".txt");
    }

    /** Records an attempt that got no answer and was made again, as a broken step. */
    public static void retried(String what) {
        Allure.step(Monitor.currentMasker().mask(what), io.qameta.allure.model.Status.BROKEN);
    }

    /** Records a condition that held, so a green check shows what it verified. */
    public static void passed(String condition) {
        Allure.step(Monitor.currentMasker().mask(condition));
    }
}
