package com.aiqueryhub.monitor.probe;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who in the app cleared its storage, told from the stack the browser's watch recorded ({@link BrowserProbe#WATCH}).
 * A production build is minified: a function's own name is gone, but the names of properties and class fields survive
 * (the app's ErrorBoundary builds to {@code r(this,"handleChunkLoadError",async()=>{...localStorage.clear()...})}, a
 * build of Thabonel/drive-flow-ai-know@4abbf11). A frame without a name is named by the nearest enclosing function in
 * the script's source whose name is one a person wrote.
 */
public final class StorageWipes {

    /** One stack frame of the app's own code: its function as the stack names it (maybe none) and where it is. */
    record Frame(String function, String script, int line, int column) {
    }

    private static final Pattern FRAME = Pattern.compile("^\\s*at (?:async )?(?:(.+?) \\()?(https?://[^\\s()]+):(\\d+):(\\d+)\\)?\\s*$");
    /** A function with a name a person wrote: a class field, a property, an assignment, a method or a declaration. */
    private static final Pattern NAMED_FUNCTION = Pattern.compile(
            "[\"']([A-Za-z_$][\\w$]*)[\"']\\s*,\\s*(?:async\\s*)?(?:function\\b[^{]*|\\([^()]*\\)\\s*=>\\s*|[A-Za-z_$][\\w$]*\\s*=>\\s*)\\{"
                    + "|([A-Za-z_$][\\w$]*)\\s*[:=]\\s*(?:async\\s*)?(?:function\\b[^{]*|\\([^()]*\\)\\s*=>\\s*|[A-Za-z_$][\\w$]*\\s*=>\\s*)\\{"
                    + "|function\\s+([A-Za-z_$][\\w$]*)\\s*\\([^()]*\\)\\s*\\{"
                    + "|(?:^|[;{},\\s])(?:async\\s+)?([A-Za-z_$][\\w$]*)\\s*\\([^()]*\\)\\s*\\{");
    private static final List<String> KEYWORDS = List.of("if", "for", "while", "switch", "catch", "function", "with", "return");
    /** Minified names are a letter or two; a name a person wrote is longer. */
    private static final int SHORTEST_NAME = 4;
    /** How far back in the source an enclosing function is looked for. */
    private static final int LOOK_BACK = 4000;

    private StorageWipes() {
    }

    /** The first frame of the app's own scripts (the watch's own frames have no URL), if the stack has one. */
    static Optional<Frame> caller(String stack) {
        for (String line : stack.split("\n")) {
            Matcher m = FRAME.matcher(line);
            if (m.matches()) {
                String function = m.group(1) == null ? "" : m.group(1).replaceFirst("^new ", "");
                return Optional.of(new Frame(function, m.group(2), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4))));
            }
        }
        return Optional.empty();
    }

    /**
     * Who did it, in words: "handleChunkLoadError (assets/index-DQ80U2H4.js:40:1234)". {@code source} reads a script's
     * text when the frame has no usable name (empty when it cannot).
     */
    static String describe(String stack, Function<String, Optional<String>> source) {
        Optional<Frame> frame = caller(stack);
        if (frame.isEmpty()) {
            return "a caller the stack does not show";
        }
        Frame f = frame.get();
        String where = f.script().replaceFirst("^https?://[^/]+/", "") + ":" + f.line() + ":" + f.column();
        String own = lastName(f.function());
        if (own.length() >= SHORTEST_NAME && !own.equals("anonymous")) {
            return own + " (" + where + ")";
        }
        return source.apply(f.script()).flatMap(text -> enclosingName(text, f.line(), f.column()))
                .map(name -> name + " (" + where + ")").orElse("the app's code at " + where);
    }

    /** The name of the nearest function in {@code source} that encloses line:column (1-based), if one has a written name. */
    static Optional<String> enclosingName(String source, int line, int column) {
        int offset = offset(source, line, column);
        if (offset < 0) {
            return Optional.empty();
        }
        int from = Math.max(0, offset - LOOK_BACK);
        Matcher m = NAMED_FUNCTION.matcher(source).region(from, offset);
        String best = null;
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
            // the body opened by this match must still be open at the offset: the frame is inside it
            if (name.length() >= SHORTEST_NAME && !KEYWORDS.contains(name) && open(source, m.end() - 1, offset)) {
                best = name;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Whether the brace at {@code brace} is still unclosed at {@code offset} (strings and comments not told apart). */
    private static boolean open(String source, int brace, int offset) {
        int depth = 0;
        for (int i = brace; i < offset; i++) {
            char c = source.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return false;
            }
        }
        return depth > 0;
    }

    private static int offset(String source, int line, int column) {
        int at = 0;
        for (int l = 1; l < line; l++) {
            at = source.indexOf('\n', at);
            if (at < 0) {
                return -1;
            }
            at++;
        }
        int offset = at + column - 1;
        return offset <= source.length() ? offset : -1;
    }

    private static String lastName(String function) {
        String[] parts = function.split("[.\\s]");
        return parts.length == 0 ? "" : parts[parts.length - 1].replaceAll("[^\\w$]", "");
    }
}
