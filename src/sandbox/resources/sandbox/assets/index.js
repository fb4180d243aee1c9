// The sandbox's stand-in for AI Query Hub's Vite build output (assets/index-*.js): an ES module that renders into #root
// and loads the chat as a lazy chunk. It behaves as a build of the real app does (Thabonel/drive-flow-ai-know@4abbf11,
// measured 2026-12 and written down in the system contract), because those are the behaviours a journey must hold on:
// - the auth state settles after the first render: src/App.tsx's PublicRoute and ProtectedRoute show a spinner
//   (.animate-spin) while supabase-js reads its session, then the page; the sign-in form of src/pages/Auth.tsx is
//   rendered more than once meanwhile (its first elements replaced by new ones);
// - a signed-in user is sent on by the app itself: PublicRoute navigates to /conversations;
// - signed in, every page has the sidebar of src/components/AppSidebar.tsx, whose NavLink "AI Chat" leads to the chat;
// - the production build strips console calls (vite.config.ts, terser drop_console): nothing here logs;
// - the landing page (src/pages/Landing.tsx) shows an image from the project's public storage.
// Like a Vite build, the VITE_* settings were replaced by literal values at build time. The __FAULT_*__ markers are
// where the sandbox breaks it on purpose (frontend-runtime-error, frontend-console-error, app-as-released,
// frontend-signs-in-to-dashboard).
const config = {
  supabaseUrl: "__VITE_SUPABASE_URL__",
  supabaseAnonKey: "__VITE_SUPABASE_PUBLISHABLE_KEY__",
  appName: "AI Query Hub",
  features: /*__FAULT_RUNTIME__*/["chat", "memory", "documents"],
};
// Where PublicRoute sends a signed-in user (src/App.tsx: navigate('/conversations', { replace: true })).
const SIGNED_IN_HOME = /*__FAULT_HOME__*/"/conversations";
// The app as released at 4abbf11 (app-as-released): ProtectedRoute calls a second React.useEffect after its early
// returns, so the render after `loading` has more hooks than the one before and React throws error #310. The healthy
// sandbox is the app with that one change made: the hook moved above the early returns.
const HOOK_AFTER_EARLY_RETURN = /*__FAULT_RELEASED__*/false;

function element(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (name === "className") node.className = value;
    else if (name === "disabled") node.disabled = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) {
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

// Babel's and esbuild's helper for class fields (`r(this, "name", value)` in the app's minified build): a field's
// function is anonymous in a stack trace, its name only in the source.
function defineField(target, name, value) {
  Object.defineProperty(target, name, { value, enumerable: true, configurable: true, writable: true });
}

function requireConfig() {
  if (!config.supabaseUrl || config.supabaseUrl.startsWith("__")) {
    throw new Error("supabaseUrl is required: VITE_SUPABASE_URL was not set at build time");
  }
  return config;
}

function header() {
  return element("header", { className: "app-header" },
    element("h1", {}, config.appName),
    element("p", { className: "tagline" }, "An AI Assistant That Remembers Everything"),
    element("nav", {}, ...config.features.map((f) => element("a", { href: "#" + f }, f))));
}

// supabase-js keeps the session in localStorage under sb-<first label of the project's host>-auth-token
function storageKey(settings) {
  return "sb-" + new URL(settings.supabaseUrl).hostname.split(".")[0] + "-auth-token";
}

function session(settings) {
  return JSON.parse(localStorage.getItem(storageKey(settings)) || "null");
}

function spinner() {
  return element("div", { className: "loading" }, element("div", { className: "animate-spin", "aria-busy": "true" }));
}

function navigate(path, replace) {
  if (replace) history.replaceState(null, "", path);
  else history.pushState(null, "", path);
  app.render();
}

// A wait of a few hundred milliseconds, never the same twice: how long supabase-js takes to read its session varies.
function settle(min, spread) {
  return new Promise((resolve) => setTimeout(resolve, min + Math.floor(Math.random() * spread)));
}

// The sign-in form of src/pages/Auth.tsx: #signin-email, #signin-password and its submit button "Sign In", disabled
// while the auth state loads; on submit supabase.auth.signInWithPassword (POST /auth/v1/token?grant_type=password with
// the apikey); a refusal shows GoTrue's message ("Sign In Error"); a session makes PublicRoute send the user on.
function signInForm(settings, loading) {
  const email = element("input", { id: "signin-email", type: "email", placeholder: "Enter your email", disabled: loading });
  const password = element("input", { id: "signin-password", type: "password", placeholder: "Enter your password", disabled: loading });
  const submit = element("button", { type: "submit", disabled: loading }, "Sign In");
  const alert = element("p", { role: "alert" });
  const form = element("form", { className: "signin" },
    element("label", { for: "signin-email" }, "Email"), email,
    element("label", { for: "signin-password" }, "Password"), password, submit, alert);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    submit.disabled = true;
    submit.textContent = "Signing in...";
    const response = await fetch(settings.supabaseUrl + "/auth/v1/token?grant_type=password", {
      method: "POST",
      headers: { "Content-Type": "application/json", apikey: settings.supabaseAnonKey },
      body: JSON.stringify({ email: email.value, password: password.value }),
    });
    const body = await response.json();
    if (!response.ok) {
      alert.textContent = "Sign In Error: " + (body.msg || body.message || response.status);
      submit.disabled = false;
      submit.textContent = "Sign In";
      return;
    }
    localStorage.setItem(storageKey(settings), JSON.stringify(body));
    navigate(SIGNED_IN_HOME, true);
  });
  return element("section", { className: "auth" },
    element("h2", {}, "Welcome back"), element("p", {}, "Sign in to your AI Query Hub account"), form);
}

// src/components/AppSidebar.tsx's navigation: NavLinks, followed in the page (no page load)
function sidebar() {
  const items = [["Timeline", "/timeline"], ["AI Chat", "/conversations"], ["Dashboard", "/dashboard"]];
  return element("aside", { className: "sidebar" }, ...items.map(([title, url]) => {
    const link = element("a", { href: url }, title);
    link.addEventListener("click", (event) => {
      event.preventDefault();
      navigate(url);
    });
    return link;
  }));
}

// src/components/ErrorBoundary.tsx: it takes React error #310 for a chunk-load error and "recovers" by clearing the
// caches and the storage (the session with them), then reloading.
class ErrorBoundary {
  constructor() {
    defineField(this, "handleChunkLoadError", async () => {
      if ("caches" in window) {
        const names = await caches.keys();
        await Promise.all(names.map((name) => caches.delete(name)));
      }
      localStorage.clear();
      sessionStorage.clear();
      window.location.reload();
    });
  }

  componentDidCatch(error) {
    const chunkError = /ChunkLoadError|Loading chunk|Failed to fetch dynamically imported module/.test(error.message)
      || error.message.includes("Minified React error #310");
    if (chunkError) {
      this.handleChunkLoadError();
      return true;
    }
    return false;
  }
}

class App {
  constructor(root) {
    this.root = root;
    this.boundary = new ErrorBoundary();
    this.authLoading = true;
    this.renderedWhileLoading = new Set();
  }

  async start() {
    this.render();
    // supabase-js reads its session, then onAuthStateChange fires INITIAL_SESSION: the routes render again
    await settle(150, 250);
    this.authLoading = false;
    this.render();
  }

  render() {
    const settings = requireConfig();
    /*__FAULT_CONSOLE__*/
    const main = element("main", { "data-api": new URL(settings.supabaseUrl).host });
    this.root.replaceChildren(header(), main, element("footer", {}, "AI Query Hub"));
    try {
      this.route(main, settings, location.pathname);
    } catch (error) {
      if (!this.boundary.componentDidCatch(error)) throw error;
      main.replaceChildren(spinner());
    }
  }

  route(main, settings, path) {
    const user = session(settings);
    if (path === "/" || path === "/auth") {
      this.publicRoute(main, settings, path, user);
    } else if (path === "/dashboard" || path === "/conversations" || path === "/timeline") {
      this.protectedRoute(main, settings, path, user);
    } else {
      main.append(element("h2", {}, "Page not found"));
    }
  }

  publicRoute(main, settings, path, user) {
    if (this.authLoading) {
      main.append(spinner());
      return;
    }
    if (user) {
      setTimeout(() => navigate(SIGNED_IN_HOME, true), 0);
      main.append(spinner());
      return;
    }
    if (path === "/") {
      const image = element("img", { src: settings.supabaseUrl + "/storage/v1/object/public/assets/wheels.jpg", alt: "Wheels",
        width: "240", height: "120" });
      const page = element("div", { className: "page" });
      main.append(element("h2", {}, "An AI Assistant That Remembers Everything"), image,
        element("p", {}, element("a", { href: "/auth" }, "Sign in")), page);
      // the routes' lazy chunks (src/App.tsx's React.lazy imports): the first one loads with the landing page
      import("./Chat-Bq3xT9kL.js").then((chat) => chat.mount(page));
      return;
    }
    // the form is mounted now, disabled for a moment, and mounted again once the auth state settled: the elements
    // found first are gone (StaleElementReferenceException for whoever kept them)
    main.append(signInForm(settings, true));
    settle(60, 200).then(() => {
      if (location.pathname === "/auth" && !session(settings)) {
        main.replaceChildren(signInForm(settings, false));
      }
    });
  }

  protectedRoute(main, settings, path, user) {
    if (this.authLoading) {
      this.renderedWhileLoading.add(path);
      main.append(spinner());
      return;
    }
    if (HOOK_AFTER_EARLY_RETURN && user && this.renderedWhileLoading.has(path)) {
      throw new Error("Minified React error #310; visit https://reactjs.org/docs/error-decoder.html?invariant=310 for the full "
        + "message or use the non-minified dev environment for full errors and additional helpful warnings.");
    }
    if (!user) {
      setTimeout(() => navigate("/auth", true), 0);
      main.append(spinner());
      return;
    }
    const page = element("div", { className: "page" });
    main.append(sidebar(), page);
    if (path === "/conversations") {
      import("./Chat-Bq3xT9kL.js").then((chat) => chat.conversations(page, settings.supabaseUrl, user));
    } else {
      page.append(element("h2", {}, path === "/dashboard" ? "Dashboard" : "Timeline"));
      import("./Chat-Bq3xT9kL.js").then((chat) => chat.mount(page));
    }
  }
}

const app = new App(document.getElementById("root"));
app.start();
