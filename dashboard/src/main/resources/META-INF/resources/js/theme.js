// Runs before the body paints, so a stored theme choice never flashes the other theme.
(function () {
  try {
    var t = localStorage.getItem("hlo-theme");
    if (t === "light" || t === "dark") document.documentElement.dataset.theme = t;
  } catch (e) { /* storage disabled: follow prefers-color-scheme */ }
})();
