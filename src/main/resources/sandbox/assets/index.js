// The sandbox's stand-in for AI Query Hub's Vite build output (assets/index-*.js): an ES module that renders
// into #root. Like a Vite build, the VITE_* settings were replaced by literal values at build time.
const config = {
  supabaseUrl: "__VITE_SUPABASE_URL__",
  supabaseAnonKey: "__VITE_SUPABASE_PUBLISHABLE_KEY__",
  appName: "AI Query Hub",
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
    element("p", { className: "tagline" }, "An AI Assistant That Remembers Everything"));
}

function queryForm() {
  const input = element("textarea", { id: "query", rows: "3", placeholder: "Ask anything about your documents" });
  const button = element("button", { type: "submit" }, "Ask");
  const form = element("form", { className: "query-form" }, input, button);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    button.disabled = true;
  });
  return form;
}

function render(root) {
  const settings = requireConfig();
  root.replaceChildren(
    header(),
    element("main", { "data-api": new URL(settings.supabaseUrl).host }, queryForm()),
    element("footer", {}, "AI Query Hub"));
}

render(document.getElementById("root"));
