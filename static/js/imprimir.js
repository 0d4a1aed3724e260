// Printed slip: the "Print" button opens the browser's print dialog.
document.addEventListener("DOMContentLoaded", function () {
  var boton = document.querySelector("[data-imprimir]");
  if (boton) {
    boton.hidden = false;
    boton.addEventListener("click", function () { window.print(); });
  }
});
