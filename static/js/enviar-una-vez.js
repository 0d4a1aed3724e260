// Progressive enhancement: once a staff form is submitted, its submit buttons are disabled so a
// double click sends it once. The server guarantees it anyway (one-time token per create form).
(function () {
  "use strict";
  document.addEventListener("submit", function (evento) {
    var form = evento.target;
    if (!(form instanceof HTMLFormElement) || evento.defaultPrevented) {
      return;
    }
    if (form.dataset.enviado === "1") {
      evento.preventDefault();
      return;
    }
    form.dataset.enviado = "1";
    // Disable after this event, so the pressed button's name and value are still sent.
    window.setTimeout(function () {
      form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (boton) {
        boton.disabled = true;
        boton.setAttribute("aria-disabled", "true");
      });
    }, 0);
    // If the page stays (a download, an error), the buttons come back after a while.
    window.setTimeout(function () {
      form.dataset.enviado = "";
      form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (boton) {
        boton.disabled = false;
        boton.removeAttribute("aria-disabled");
      });
    }, 8000);
  });
})();
