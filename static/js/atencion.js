// Attention form: show the "open a case" and "refer" details only when their box is ticked.
// Progressive enhancement: without JavaScript every field is visible and the form works the same.
(function () {
  "use strict";
  function enlazar(casilla) {
    var grupo = casilla.closest("fieldset");
    if (!grupo) { return; }
    var actualizar = function () {
      grupo.querySelectorAll(".row, .mb-3").forEach(function (bloque) {
        if (!bloque.contains(casilla)) {
          bloque.classList.toggle("d-none", !casilla.checked && !grupo.querySelector(".is-invalid"));
        }
      });
    };
    casilla.addEventListener("change", actualizar);
    actualizar();
  }
  document.addEventListener("DOMContentLoaded", function () {
    ["id_abrir_caso", "id_derivar"].forEach(function (id) {
      var casilla = document.getElementById(id);
      if (casilla) { enlazar(casilla); }
    });
  });
})();
