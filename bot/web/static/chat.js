// Web chat of El Valor Soy Yo: hand-written, no third-party JavaScript.
// The bot's HTML comes from the server's catalogue with every user-typed text escaped.
"use strict";
(function () {
  const log = document.getElementById("log");
  const form = document.getElementById("form");
  const input = document.getElementById("text");
  let lastId = 0;

  function bubble(kind, html, text) {
    const div = document.createElement("div");
    div.className = "msg " + kind;
    if (html !== null) { div.innerHTML = html; } else { div.textContent = text; }
    div.querySelectorAll("a").forEach(function (a) { a.target = "_blank"; a.rel = "noopener"; });
    log.appendChild(div);
    log.scrollTop = log.scrollHeight;
    return div;
  }

  function render(message) {
    const div = bubble("bot", message.html, null);
    if (message.image) {
      const img = document.createElement("img");
      img.src = message.image; img.alt = "";
      div.prepend(img);
    }
    if (message.buttons && message.buttons.length) {
      const box = document.createElement("div");
      box.className = "buttons";
      message.buttons.forEach(function (row) {
        const line = document.createElement("div");
        line.className = "row";
        row.forEach(function (b) {
          const button = document.createElement("button");
          button.type = "button"; button.textContent = b.label;
          button.addEventListener("click", function () { send({ button: b.data }, b.label); });
          line.appendChild(button);
        });
        box.appendChild(line);
      });
      div.appendChild(box);
    }
    if (message.id && message.id > lastId) { lastId = message.id; }
  }

  function newId() {
    const bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  }

  async function send(body, shown) {
    if (shown !== null) { bubble("me", null, shown); }
    body.id = newId();
    try {
      const response = await fetch("/chat/api/messages", {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json" }, body: JSON.stringify(body)
      });
      const data = await response.json();
      if (!response.ok) { bubble("bot", null, data.error ? data.error.message : "Error"); return; }
      data.messages.forEach(render);
    } catch (e) {
      bubble("bot", null, "No hay conexión. Intente de nuevo en un momento.");
    }
  }

  async function poll() {
    try {
      const response = await fetch("/chat/api/messages?after=" + lastId,
                                   { credentials: "same-origin" });
      if (response.ok) {
        const data = await response.json();
        data.messages.forEach(render);
        lastId = Math.max(lastId, data.last_id || 0);
      }
    } catch (e) { /* offline: try again later */ }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) { return; }
    input.value = "";
    send({ text: text }, text);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
  });
  // A start route's link (/chat?v=<token> an invitation, /chat?a=<token> a check-in): start
  // the chat with it, without showing the token, and take it out of the address bar and the
  // history.
  const start = document.getElementById("chat").dataset.start;
  if (start) {
    history.replaceState(null, "", "/chat");
    send({ text: "/start " + start }, null);
  }
  poll();
  setInterval(poll, 8000);
})();
