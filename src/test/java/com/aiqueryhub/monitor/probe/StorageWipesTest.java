package com.aiqueryhub.monitor.probe;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Naming the app's function that cleared its storage, from a stack the browser recorded and a minified script. */
class StorageWipesTest {

    /**
     * The shape of the app's own minified ErrorBoundary (a Vite production build of Thabonel/drive-flow-ai-know@4abbf11,
     * src/components/ErrorBoundary.tsx): class fields set through a helper, their functions anonymous arrows.
     */
    private static final String BUILD = "import{r as a}from\"./react-vendor.js\";function r(t,e,n){return t[e]=n}"
            + "class Ga extends a.Component{constructor(e){super(e),r(this,\"handleRetry\",()=>{this.setState({hasError:!1})}),"
            + "r(this,\"handleChunkLoadError\",async()=>{var e;try{if(\"caches\"in window){const e=await caches.keys();"
            + "await Promise.all(e.map(e=>caches.delete(e)))}if(localStorage.clear(),sessionStorage.clear(),\"indexedDB\"in window)"
            + "try{}catch(t){}}catch(n){}window.location.reload()})}componentDidCatch(e,t){this.handleChunkLoadError()}}";

    @Test
    void anAnonymousFieldFunctionIsNamedByItsFieldInTheSource() {
        int column = BUILD.indexOf("localStorage.clear()") + 1;
        String stack = "Error\n    at Storage.clear (<anonymous>:88:17)\n    at https://localhost:8443/assets/index-DQ80U2H4.js:1:"
                + column;

        assertThat(StorageWipes.describe(stack, url -> Optional.of(BUILD)))
                .isEqualTo("handleChunkLoadError (assets/index-DQ80U2H4.js:1:" + column + ")");
    }

    @Test
    void aNamedFrameNeedsNoSource() {
        String stack = "Error\n    at Storage.clear (<anonymous>:88:17)\n    at t.handleChunkLoadError (https://aiqueryhub.com/assets/index-X.js:40:12)\n"
                + "    at async Promise.all (index 0)";

        assertThat(StorageWipes.describe(stack, url -> Optional.empty())).isEqualTo("handleChunkLoadError (assets/index-X.js:40:12)");
    }

    @Test
    void aFunctionThatEndedBeforeTheCallDoesNotEncloseIt() {
        String source = "var app={loadSettings:function(){return localStorage.getItem(\"s\")},\nsignOutEverywhere:async()=>{"
                + "await fetch(\"/logout\");var k=function(){return 1};localStorage.removeItem(\"sb-x-auth-token\")}}";
        int column = source.lines().toList().get(1).indexOf("localStorage.removeItem") + 1;

        assertThat(StorageWipes.enclosingName(source, 2, column)).contains("signOutEverywhere");
    }

    @Test
    void withoutANameTheStepSaysWhereInTheCode() {
        String stack = "Error\n    at Storage.clear (<anonymous>:1:1)\n    at https://localhost:8443/assets/index-Y.js:3:7";

        assertThat(StorageWipes.describe(stack, url -> Optional.of("a\nb\nlocalStorage.clear()")))
                .isEqualTo("the app's code at assets/index-Y.js:3:7");
        assertThat(StorageWipes.describe("Error\n    at Storage.clear (<anonymous>:1:1)", url -> Optional.empty()))
                .isEqualTo("a caller the stack does not show");
    }
}
