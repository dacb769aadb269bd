// Moves the progress bar of a running import, then reloads the page to show the report.
(function () {
  const box = document.getElementById("progress");
  if (!box || box.dataset.done === "true") return;
  const bar = document.getElementById("bar");
  const counter = document.getElementById("counter");
  const status = document.getElementById("status");
  async function poll() {
    try {
      const r = await fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (r.ok) {
        const s = await r.json();
        bar.max = Math.max(s.rows, 1);
        bar.value = s.processed;
        counter.textContent = s.processed + " of " + s.rows + " rows";
        status.textContent = s.status;
        status.className = "status " + s.status;
        if (s.status === "completed" || s.status === "failed") { location.reload(); return; }
      }
    } catch (e) { /* the next poll tries again */ }
    setTimeout(poll, 500);
  }
  setTimeout(poll, 300);
})();
