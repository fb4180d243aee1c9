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

async function render(root) {
  const settings = requireConfig();
  /*__FAULT_CONSOLE__*/
  const main = element("main", { "data-api": new URL(settings.supabaseUrl).host });
  root.replaceChildren(header(), main, element("footer", {}, "AI Query Hub"));
  const chat = await import("./Chat-Bq3xT9kL.js");
  chat.mount(main);
}

render(document.getElementById("root"));
