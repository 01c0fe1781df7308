// Comfort only: the page works without it. A second click on "send" does nothing visible.
document.addEventListener("submit", function (e) {
  var b = e.target.querySelector("button[type=submit]");
  if (e.target.classList.contains("send") && b) { setTimeout(function () { b.disabled = true; }, 0); }
});
