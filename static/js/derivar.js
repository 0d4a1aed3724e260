// New referral: changing the topic re-proposes destinations (the same as pressing the button).
document.addEventListener("DOMContentLoaded", function () {
  var form = document.querySelector("form[data-derivar]");
  if (!form) return;
  var tema = form.querySelector("select[name=tema]");
  var boton = form.querySelector("[data-proponer]");
  if (tema && boton) {
    tema.addEventListener("change", function () { boton.click(); });
  }
});
