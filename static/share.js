// The event page's share controls that need a script: "Copy link", and a Mastodon post on the
// visitor's own server. Both stay hidden without it; the link box, e-mail and Bluesky work anyway.
(function () {
  "use strict";
  document.querySelectorAll(".share-copy").forEach(function (button) {
    var box = document.getElementById(button.dataset.copy);
    var said = button.parentElement.querySelector(".share-copied");
    if (!box || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(box.value).then(
        function () { said.textContent = button.dataset.copied || "Link copied."; },
        function () {
          box.select();
          said.textContent = button.dataset.copyHint || "Press Ctrl+C (or ⌘C) to copy the selected link.";
        }
      );
    });
  });
  document.querySelectorAll(".share-mastodon").forEach(function (form) {
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var server = form.elements.server.value.trim().replace(/^https?:\/\//, "").replace(/\/.*$/, "");
      if (!/^[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/.test(server)) return;
      window.open("https://" + server + "/share?text=" + encodeURIComponent(form.dataset.text),
                  "_blank", "noopener");
    });
  });
})();
