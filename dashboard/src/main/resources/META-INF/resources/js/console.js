// The container console: xterm.js wired to the dashboard's WebSocket, which relays to the
// controller and the agent. Keys typed go out as text frames; the shell's output comes back as
// binary frames; a text frame "error: ..." explains a refusal just before the close.
(function () {
  "use strict";
  var box = document.getElementById("terminal");
  if (!box || typeof Terminal === "undefined") return;
  var status = document.getElementById("console-status");
  var again = document.getElementById("console-reconnect");
  var dark = document.documentElement.dataset.theme === "dark" ||
    (!document.documentElement.dataset.theme && matchMedia("(prefers-color-scheme: dark)").matches);
  var term = new Terminal({
    convertEol: false,
    cursorBlink: true,
    fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
    fontSize: 14,
    rows: 28,
    theme: dark ? { background: "#0b0f14", foreground: "#d7dde5" } : { background: "#fbfcfd", foreground: "#1c2430", cursor: "#1c2430" }
  });
  term.open(box);
  var socket = null;

  function say(text, kind) {
    status.textContent = text;
    status.className = "status " + (kind || "");
  }

  function connect() {
    again.hidden = true;
    say("connecting…", "unknown");
    var url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + box.dataset.socket;
    socket = new WebSocket(url);
    socket.binaryType = "arraybuffer";
    socket.onopen = function () {
      say("connected", "ok");
      term.focus();
    };
    socket.onmessage = function (ev) {
      if (typeof ev.data === "string") {
        if (ev.data.indexOf("error: ") === 0) {
          say(ev.data.substring(7), "down");
        }
        term.write(ev.data.replace(/\n/g, "\r\n"));
      } else {
        term.write(new Uint8Array(ev.data));
      }
    };
    socket.onclose = function (ev) {
      if (status.className.indexOf("down") < 0) {
        say(ev.code === 1000 ? "closed" : "closed (" + ev.code + (ev.reason ? ": " + ev.reason : "") + ")", ev.code === 1000 ? "unknown" : "down");
      }
      term.write("\r\n\x1b[2m[console closed]\x1b[0m\r\n");
      again.hidden = false;
    };
  }

  term.onData(function (data) {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(data);
  });
  again.addEventListener("click", connect);
  connect();
})();
