// Draws every [data-chart] element with uPlot from the dashboard's JSON ({title, unit, labels, data}).
(function () {
  "use strict";
  var palette = ["#1f6feb", "#d29922", "#3fb950", "#a371f7", "#f85149", "#39c5cf"];
  function css(name) { return getComputedStyle(document.documentElement).getPropertyValue(name).trim(); }
  function fmt(v, unit) {
    if (v == null) return "–";
    if (unit === "B" || unit === "B/s") {
      var u = ["", "Ki", "Mi", "Gi", "Ti"], i = 0;
      while (Math.abs(v) >= 1024 && i < u.length - 1) { v /= 1024; i++; }
      return v.toFixed(v < 10 ? 1 : 0) + " " + u[i] + unit;
    }
    return (Math.abs(v) < 10 ? v.toFixed(2) : v.toFixed(0)) + (unit ? " " + unit : "");
  }
  function draw(el, j) {
    el.innerHTML = "";
    var title = document.createElement("h2");
    title.textContent = j.title;
    el.appendChild(title);
    if (!j.labels || j.labels.length === 0) {
      var p = document.createElement("p");
      p.className = "muted";
      p.textContent = "No data in this range.";
      el.appendChild(p);
      return;
    }
    var axis = { stroke: css("--muted"), grid: { stroke: css("--border"), width: 1 }, ticks: { stroke: css("--border") } };
    var series = [{}].concat(j.labels.map(function (l, i) {
      return { label: l, stroke: palette[i % palette.length], width: 1.5, value: function (u, v) { return fmt(v, j.unit); } };
    }));
    new uPlot({
      width: Math.max(280, el.clientWidth), height: 200, series: series,
      scales: { x: { time: j.x !== "step" } },
      axes: [axis, Object.assign({}, axis, { size: 70, values: function (u, vals) { return vals.map(function (v) { return fmt(v, j.unit); }); } })]
    }, j.data, el);
  }
  function load(el) {
    if (el.dataset.drawn) return;
    el.dataset.drawn = "1";
    fetch(el.dataset.chart, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, j: j }; }); })
      .then(function (x) {
        if (!x.ok) throw new Error(x.j.error || "chart unavailable");
        draw(el, x.j);
      })
      .catch(function (e) {
        el.innerHTML = "";
        var d = document.createElement("div");
        d.className = "widget-error";
        d.setAttribute("role", "alert");
        d.textContent = e.message;
        el.appendChild(d);
      });
  }
  window.hloCharts = function (root) { (root || document).querySelectorAll("[data-chart]").forEach(load); };
  document.addEventListener("DOMContentLoaded", function () { window.hloCharts(document); });
})();
