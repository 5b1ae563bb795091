/* Campañas: how many characters a piece's phrase has left while it is typed, and the live
   progress of a send: polls the campaign's statistics (the JSON API, with the console session)
   and updates the <progress> bar and the counts (aria-live). Without JavaScript the phrase
   keeps its maxlength and the page its "Actualizar" link. No third-party code. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var phrase = document.getElementById("f-frase");
  var left = document.getElementById("f-frase-cuenta");
  if (phrase && left) {
    var count = function () {
      left.textContent = String(phrase.value.length);  // as maxlength counts (UTF-16)
    };
    phrase.addEventListener("input", count);
    count();
  }
  var box = document.getElementById("progreso");
  if (!box || box.getAttribute("data-live") !== "si") { return; }
  var bar = document.getElementById("progreso-barra");
  var text = document.getElementById("progreso-texto");
  var status = document.getElementById("estado-campana");
  var template = box.getAttribute("data-template");
  var names = JSON.parse(box.getAttribute("data-status-names") || "{}");
  var url = box.getAttribute("data-stats-url");
  var delay = 1000;

  function counts(t) {
    var pending = t.pending + t.in_flight;
    return {
      total: t.targeted, done: t.targeted - pending, sent: t.sent,
      failed: t.failed + t.uncertain, blocked: t.blocked, pending: pending
    };
  }

  function show(data) {
    var c = counts(data.totals);
    bar.max = Math.max(c.total, 1);
    bar.value = c.done;
    bar.textContent = c.done + " / " + c.total;
    var line = template.replace(/\{(\w+)\}/g, function (_m, key) {
      return String(c[key] !== undefined ? c[key] : "");
    });
    if (text.textContent !== line) { text.textContent = line; }
    if (status && names[data.status]) {
      status.textContent = names[data.status];
      status.className = "status status-" + data.status;
    }
    return data.status === "en_curso" || c.done < c.total && data.status !== "pausada";
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (data) {
        if (show(data)) { window.setTimeout(poll, delay); }
        else {
          box.setAttribute("data-live", "no");
          document.getElementById("progreso-fin").hidden = false;
        }
      })
      .catch(function () {
        delay = Math.min(delay * 2, 30000);
        window.setTimeout(poll, delay);
      });
  }

  window.setTimeout(poll, 300);
}());
