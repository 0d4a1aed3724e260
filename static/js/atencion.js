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

// The referral's topic follows the attention's first topic until the user picks one; the form
// offers the destinations for that topic first. Changing it does not reload: the server proposes
// again when the form comes back (and the standalone referral form does it live).
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var tema = document.getElementById("id_der_tema");
    if (!tema) { return; }
    var elegido = tema.value !== "";
    tema.addEventListener("change", function () { elegido = true; });
    document.querySelectorAll("input[name=temas]").forEach(function (casilla) {
      casilla.addEventListener("change", function () {
        if (elegido || !casilla.checked) { return; }
        tema.value = casilla.value;
      });
    });
  });
})();
