// The sandbox's stand-in for AI Query Hub's Vite build output (assets/index-*.js): an ES module that renders
// into #root and loads the chat view as a lazy chunk, as a Vite build of a React app does. Like a Vite build,
// the VITE_* settings were replaced by literal values at build time. The __FAULT_*__ markers are where the
// sandbox breaks it on purpose (frontend-runtime-error, frontend-console-error).
const config = {
  supabaseUrl: "__VITE_SUPABASE_URL__",
  supabaseAnonKey: "__VITE_SUPABASE_PUBLISHABLE_KEY__",
  appName: "AI Query Hub",
  features: /*__FAULT_RUNTIME__*/["chat", "memory", "documents"],
};

function element(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (name === "className") node.className = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) {
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
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

// The app's sign-in form, as src/pages/Auth.tsx renders it: #signin-email, #signin-password and a submit button
// "Sign In"; on submit supabase.auth.signInWithPassword (POST /auth/v1/token?grant_type=password with the apikey),
// then the public route sends a signed-in user to /dashboard; a refusal shows GoTrue's message ("Sign In Error").
function signInForm(main, settings) {
  const email = element("input", { id: "signin-email", type: "email", placeholder: "Enter your email" });
  const password = element("input", { id: "signin-password", type: "password", placeholder: "Enter your password" });
  const submit = element("button", { type: "submit" }, "Sign In");
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
    history.pushState(null, "", "/dashboard");
    render(document.getElementById("root"));
  });
  main.append(element("h2", {}, "Sign in to your account"), form);
}

async function render(root) {
  const settings = requireConfig();
  /*__FAULT_CONSOLE__*/
  const main = element("main", { "data-api": new URL(settings.supabaseUrl).host });
  root.replaceChildren(header(), main, element("footer", {}, "AI Query Hub"));
  const path = location.pathname;
  const session = JSON.parse(localStorage.getItem(storageKey(settings)) || "null");
  if (path === "/auth" || ((path === "/dashboard" || path === "/conversations") && !session)) {
    // the protected routes send a visitor without a session to the sign-in page
    if (path !== "/auth") history.replaceState(null, "", "/auth");
    signInForm(main, settings);
    return;
  }
  if (path === "/dashboard") {
    main.append(element("h2", {}, "Dashboard"), element("a", { href: "/conversations" }, "Conversations"));
    return;
  }
  const chat = await import("./Chat-Bq3xT9kL.js");
  if (path === "/conversations") {
    chat.conversations(main, settings.supabaseUrl, session);
  } else {
    chat.mount(main);
  }
}

render(document.getElementById("root"));
