// The public complaint form's proof of work (roder/complaints/challenge.py): find the number
// whose SHA-256 with the challenge's salt is the challenge, with Web Crypto, and put the answer
// in the hidden field. Progress is said in a live region; no picture, nothing to click. If the
// browser cannot (no Web Crypto, an old browser), the form is sent without an answer and the
// server takes it under a stricter limit.
(function () {
  "use strict";

  function hex(buffer) {
    return Array.from(new Uint8Array(buffer), function (b) {
      return b.toString(16).padStart(2, "0");
    }).join("");
  }

  async function solve(data) {
    var encoder = new TextEncoder();
    var batch = 200;
    for (var start = 0; start <= data.maxnumber; start += batch) {
      var tries = [];
      for (var n = start; n < start + batch && n <= data.maxnumber; n++) {
        tries.push(crypto.subtle.digest("SHA-256", encoder.encode(data.salt + n)));
      }
      var hashes = await Promise.all(tries);
      for (var i = 0; i < hashes.length; i++) {
        if (hex(hashes[i]) === data.challenge) {
          return start + i;
        }
      }
    }
    return null;
  }

  function start(widget) {
    var status = widget.querySelector("[role=status]");
    var input = widget.querySelector("input[name=altcha]");
    var form = widget.closest("form");
    var data;
    try {
      data = JSON.parse(widget.dataset.challenge);
    } catch (error) {
      return;
    }
    if (!window.crypto || !crypto.subtle || !window.TextEncoder) {
      status.textContent = widget.dataset.failed;
      return;
    }
    status.textContent = widget.dataset.working;
    var done = solve(data).then(
      function (number) {
        if (number === null) {
          status.textContent = widget.dataset.failed;
          return;
        }
        input.value = btoa(
          JSON.stringify({
            algorithm: data.algorithm,
            challenge: data.challenge,
            number: number,
            salt: data.salt,
            signature: data.signature,
          })
        );
        status.textContent = widget.dataset.done;
      },
      function () {
        status.textContent = widget.dataset.failed;
      }
    );
    var waiting = false;
    form.addEventListener("submit", function (event) {
      if (input.value || waiting) {
        return;
      }
      // Sent before the check is done: wait for it, then send.
      event.preventDefault();
      waiting = true;
      done.then(function () {
        form.submit();
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".challenge[data-challenge]").forEach(start);
    var summary = document.getElementById("error-summary");
    if (summary) {
      summary.focus();
    }
  });
})();
