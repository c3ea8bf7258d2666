/* The /embed page tells the page that frames it how tall its content is, so the host's
   snippet (README, "Embedding") can size the iframe to fit: no inner scroll bar, no blank
   box. The height is no secret, so any host may hear it; the host checks where it came from. */
(function () {
  "use strict";
  if (window.parent === window) { return; }
  var told = 0;
  function tell() {
    var body = document.body;
    var style = window.getComputedStyle(body);
    var height = Math.ceil(body.getBoundingClientRect().height +
      parseFloat(style.marginTop) + parseFloat(style.marginBottom));
    if (height === told) { return; }
    told = height;
    window.parent.postMessage({ type: "events-app:height", height: height }, "*");
  }
  if (window.ResizeObserver) { new ResizeObserver(tell).observe(document.body); }
  window.addEventListener("load", tell);
  tell();
}());
