// Import progress: polls the batch's JSON progress and reloads the page when the job ends.
(function () {
  "use strict";
  var caja = document.getElementById("progreso");
  if (!caja) { return; }
  var barra = caja.querySelector("progress");
  var filas = document.getElementById("progreso-filas");
  function consultar() {
    fetch(caja.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (datos) {
        if (datos.total) { barra.max = datos.total; }
        barra.value = datos.filas;
        filas.textContent = datos.filas;
        if (!datos.en_curso) { window.location.reload(); return; }
        window.setTimeout(consultar, 1000);
      })
      .catch(function () { window.setTimeout(consultar, 3000); });
  }
  window.setTimeout(consultar, 500);
})();
