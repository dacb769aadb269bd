// "Generate" asks the server for a new random secret on save; the template list follows the device.
// The server renders the list already following the stored or posted device (and a "Show its templates"
// button for browsers without script); this keeps it following as the device changes, without a round trip.
(function () {
  document.querySelectorAll("button.generate").forEach(function (b) {
    b.addEventListener("click", function () {
      const input = document.getElementById(b.dataset.target);
      input.value = "generate";
      input.title = "A new random value is generated when you save.";
    });
  });
  document.querySelectorAll(".no-script").forEach(function (b) { b.hidden = true; });
  const model = document.getElementById("phoneModelId");
  const template = document.getElementById("provisioningTemplateId");
  if (!model || !template) return;
  function filter() {
    template.querySelectorAll("optgroup").forEach(function (g) { g.hidden = g.dataset.model !== model.value; });
    Array.from(template.options).forEach(function (o) {
      if (!o.dataset.model) return;
      const fits = o.dataset.model === model.value;
      o.hidden = !fits;
      o.disabled = !fits;
      if (!fits && o.selected) template.value = "";
    });
  }
  model.addEventListener("change", filter);
  filter();
})();
