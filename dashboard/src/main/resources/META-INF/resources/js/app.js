// The dashboard's only script (besides htmx and uPlot): theme toggle, live clocks, charts, log follow.
(function () {
  "use strict";

  function toggleTheme() {
    var root = document.documentElement;
    var dark = root.dataset.theme
      ? root.dataset.theme === "dark"
      : window.matchMedia("(prefers-color-scheme: dark)").matches;
    root.dataset.theme = dark ? "light" : "dark";
    try { localStorage.setItem("hlo-theme", root.dataset.theme); } catch (e) { /* not stored */ }
    document.dispatchEvent(new CustomEvent("hlo:theme"));
  }

  function tickClocks() {
    document.querySelectorAll("[data-clock]").forEach(function (c) {
      var h24 = c.dataset.hour24 === "true";
      var now = new Date();
      var main = c.querySelector("[data-clock-main]");
      if (main) main.textContent = now.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hour12: !h24 });
      var date = c.querySelector("[data-clock-date]");
      if (date) date.textContent = now.toLocaleDateString([], { weekday: "long", day: "numeric", month: "long" });
      c.querySelectorAll("[data-tz]").forEach(function (t) {
        try {
          t.textContent = now.toLocaleTimeString([], { timeZone: t.dataset.tz, hour: "2-digit", minute: "2-digit", hour12: !h24 });
        } catch (e) { /* unknown zone in this browser: keep the server's value */ }
      });
    });
  }

  // Server-Sent Events from the dashboard's log proxy, appended as text (never as HTML).
  function follow(box) {
    if (box.dataset.following) return;
    box.dataset.following = "1";
    var es = new EventSource(box.dataset.follow);
    var status = document.getElementById(box.dataset.status || "");
    es.onopen = function () { if (status) status.textContent = "following"; };
    es.onmessage = function (ev) {
      var line;
      try { var j = JSON.parse(ev.data); line = (j.timestamp ? j.timestamp + " " : "") + (j.message || ""); }
      catch (e) { line = ev.data; }
      var div = document.createElement("div");
      div.textContent = line;
      box.appendChild(div);
      while (box.childNodes.length > 2000) box.removeChild(box.firstChild);
      box.scrollTop = box.scrollHeight;
    };
    es.onerror = function () { if (status) status.textContent = "reconnecting…"; };
    document.addEventListener("htmx:beforeSwap", function stop() { es.close(); document.removeEventListener("htmx:beforeSwap", stop); }, { once: true });
  }

  function init(root) {
    root.querySelectorAll("[data-follow-start]").forEach(function (b) {
      b.addEventListener("click", function () {
        var box = document.getElementById(b.dataset.followStart);
        box.dataset.follow = b.dataset.url;
        b.disabled = true;
        follow(box);
      });
    });
    root.querySelectorAll("[data-follow]").forEach(follow);
    if (window.hloCharts) window.hloCharts(root);
    tickClocks();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var t = document.getElementById("theme-toggle");
    if (t) t.addEventListener("click", toggleTheme);
    setInterval(tickClocks, 1000);
    init(document);
  });
  document.addEventListener("htmx:load", function (e) { init(e.target); });
  // A widget that times out shows so inline instead of loading forever.
  document.addEventListener("htmx:timeout", function (e) {
    var el = e.detail.elt;
    if (el && el.classList.contains("widget-body")) {
      el.innerHTML = "";
      var d = document.createElement("div");
      d.className = "widget-error";
      d.setAttribute("role", "alert");
      d.textContent = "Timed out waiting for this widget.";
      el.appendChild(d);
    }
  });
})();
