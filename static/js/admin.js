/* Admin accessibility, loaded by templates/admin/base_site.html (CSP-safe: a static file).
   - autocomplete boxes (select2) get the name of their field's label;
   - form fields of tabular inlines, which have no <label>, get their column's name;
   - tables that scroll sideways on a phone can be reached and scrolled with the keyboard. */
(function () {
  "use strict";

  function texto(el) {
    return (el && el.textContent || "").replace(/\s+/g, " ").trim();
  }

  function nombrarAutocompletar(raiz) {
    raiz.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var etiqueta = document.querySelector("label[for='" + select.id + "']");
      var caja = select.nextElementSibling && select.nextElementSibling.querySelector(".select2-selection[role=combobox]");
      // Its <label>, or in a tabular inline its column's name (set by nombrarColumnas).
      var nombre = texto(etiqueta).replace(/:$/, "") || select.getAttribute("aria-label");
      if (caja && nombre) {
        caja.removeAttribute("aria-labelledby");
        caja.setAttribute("aria-label", nombre);
        caja.querySelectorAll("[role=textbox]").forEach(function (valor) {
          valor.setAttribute("aria-label", nombre + ": " + (texto(valor) || "—"));
        });
      }
    });
  }

  function nombrarColumnas(raiz) {
    raiz.querySelectorAll(".tabular table").forEach(function (tabla) {
      var encabezados = tabla.querySelectorAll("thead th");
      tabla.querySelectorAll("tbody tr.form-row").forEach(function (fila, n) {
        Array.prototype.forEach.call(fila.children, function (celda, i) {
          var columna = texto(encabezados[i]);
          if (!columna) { return; }
          celda.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(function (campo) {
            var conEtiqueta = campo.id && document.querySelector("label[for='" + campo.id + "']");
            if (!conEtiqueta && !campo.getAttribute("aria-label")) {
              campo.setAttribute("aria-label", columna + " (" + (n + 1) + ")");
            }
          });
        });
      });
    });
  }

  function desplazables(raiz) {
    raiz.querySelectorAll(".inline-group, .results, #changelist-form .results").forEach(function (caja) {
      if (caja.scrollWidth > caja.clientWidth && !caja.hasAttribute("tabindex")) {
        caja.setAttribute("tabindex", "0");
      }
    });
  }

  function arreglar() {
    nombrarColumnas(document);
    nombrarAutocompletar(document);
    desplazables(document);
  }

  // After the admin's own scripts: select2 starts in a jQuery "ready" handler registered before this one.
  if (window.django && window.django.jQuery) { window.django.jQuery(arreglar); }
  window.addEventListener("load", arreglar);
  window.addEventListener("resize", function () { desplazables(document); });
  document.addEventListener("formset:added", function () { window.setTimeout(arreglar, 0); });
})();
