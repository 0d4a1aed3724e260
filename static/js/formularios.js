/* Staff forms, progressive enhancement (the forms work without it):
   - the error summary takes the focus, and its links move the focus to their field;
   - textareas with a limit (data-limite) get a live character counter. */
(function () {
  "use strict";

  function enfocarCampo(enlace, evento) {
    var id = decodeURIComponent(enlace.hash.slice(1));
    var campo = document.getElementById(id);
    if (!campo) { return; }
    evento.preventDefault();
    var detalles = campo.closest("details");
    if (detalles) { detalles.open = true; }
    campo.scrollIntoView({ block: "center" });
    campo.focus();
  }

  function contador(area) {
    var limite = parseInt(area.getAttribute("data-limite"), 10);
    var aviso = document.getElementById(area.id + "_limite");
    if (!limite || !aviso) { return; }
    var excedido = false;
    var vivo = document.createElement("span");  // announced only when the limit is crossed, not on every key
    vivo.className = "visually-hidden";
    vivo.setAttribute("aria-live", "polite");
    aviso.after(vivo);
    function actualizar() {
      var n = area.value.length;
      var sobran = n - limite;
      var plantilla = sobran > 0 ? aviso.getAttribute("data-excedido") : aviso.getAttribute("data-plantilla");
      aviso.textContent = plantilla.replace("%(n)s", n).replace("%(sobran)s", sobran);
      aviso.classList.toggle("excedido", sobran > 0);
      if ((sobran > 0) !== excedido) {
        excedido = sobran > 0;
        vivo.textContent = excedido ? aviso.textContent : "";
      }
    }
    area.addEventListener("input", actualizar);
    actualizar();
  }

  function iniciar() {
    var resumen = document.querySelector("[data-resumen-errores]");
    if (resumen) {
      resumen.addEventListener("click", function (evento) {
        var enlace = evento.target.closest("a[href^='#']");
        if (enlace) { enfocarCampo(enlace, evento); }
      });
      var detalles = resumen.closest("details");
      if (detalles) { detalles.open = true; }
      resumen.focus();
    }
    document.querySelectorAll("textarea[data-limite]").forEach(contador);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", iniciar);
  } else {
    iniciar();
  }
})();
