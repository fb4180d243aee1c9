// The lazily loaded chat view (assets/Chat-*.js in a Vite build): fetched when the app starts.
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
