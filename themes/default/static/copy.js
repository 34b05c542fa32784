// Copy buttons, as progressive enhancement: loaded with `defer` on paper pages only.
//
// A `<button data-copy="ID" hidden>` copies the text of the element with id ID. It stays
// hidden without JavaScript, or where the browser offers no clipboard (an old browser, a
// page not served over HTTPS): the download link next to it gives the same text. The
// result is announced in the `role="status"` element beside the button.
"use strict";

(function () {
  if (!navigator.clipboard || typeof navigator.clipboard.writeText !== "function") {
    return;
  }
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) {
      return;
    }
    var status = button.parentElement.querySelector("[role=status]");
    var say = function (message) {
      if (status) {
        status.textContent = message;
      }
    };
    button.addEventListener("click", function () {
      // A second click announces again, even with the same words.
      say("");
      navigator.clipboard.writeText(source.textContent).then(
        function () {
          say("Copied to the clipboard.");
        },
        function () {
          say("Could not copy: select the text above, or use the download link.");
        }
      );
    });
    button.hidden = false;
  });
})();
