// The lazily loaded chat view (assets/Chat-*.js in a Vite build): fetched with the first route that needs it. Like the
// app's production build, it never logs (terser drop_console).
export function mount(main) {
  const input = document.createElement("textarea");
  input.id = "query";
  input.rows = 3;
  input.placeholder = "Ask anything about your documents";
  const button = document.createElement("button");
  button.type = "submit";
  button.textContent = "Ask";
  const form = document.createElement("form");
  form.className = "query-form";
  form.append(input, button);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    button.disabled = true;
  });
  main.append(form);
}

// The conversations page (src/pages/Conversations.tsx with src/components/ConversationChat.tsx): "Start New
// Conversation" opens the chat; its textarea ("Type your message...") sends on Enter; the question goes to ai-query
// with the user's bearer token ({"query": ...}); a spinner (.animate-spin) turns until the answer is shown as the
// assistant's message. The __FAULT_ANSWER__ marker is where the sandbox breaks it (journey-answer-not-rendered).
function bubble(role, text) {
  const node = document.createElement("div");
  node.className = "message " + role;
  node.textContent = text;
  return node;
}

export function conversations(main, supabaseUrl, session) {
  const start = document.createElement("button");
  start.textContent = "Start New Conversation";
  start.addEventListener("click", () => {
    start.remove();
    openChat(main, supabaseUrl, session);
  });
  const title = document.createElement("h2");
  title.textContent = "Conversations";
  main.append(title, start);
}

function openChat(main, supabaseUrl, session) {
  const list = document.createElement("div");
  list.className = "messages";
  const box = document.createElement("textarea");
  box.rows = 2;
  box.placeholder = "Type your message...";
  async function ask() {
    const question = box.value.trim();
    if (!question) return;
    box.value = "";
    list.append(bubble("user", question));
    const spinner = bubble("assistant animate-spin", "Thinking...");
    list.append(spinner);
    const response = await fetch(supabaseUrl + "/functions/v1/ai-query", {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: "Bearer " + session.access_token },
      body: JSON.stringify({ query: question }),
    });
    if (!response.ok) {
      spinner.remove();
      list.append(bubble("error", "Failed to get a response. Please try again."));
      return;
    }
    const data = await response.json();
    /*__FAULT_ANSWER__*/
    spinner.remove();
    list.append(bubble("assistant", data.response));
  }
  box.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      ask();
    }
  });
  main.append(list, box);
  box.focus();
}
