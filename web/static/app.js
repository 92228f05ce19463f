// casescreen's page script: the drop zone, the size check before an
// upload, and the progress bar. The page works without it (the form posts,
// the run page refreshes itself).
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  setupUpload();
  setupProgress();
});

function setupUpload() {
  var form = document.getElementById("screen-form");
  if (!form) return;
  var input = document.getElementById("lists");
  var zone = document.getElementById("dropzone");
  var chosen = document.getElementById("chosen");
  var message = document.getElementById("client-error");
  var maxBytes = Number(form.dataset.maxUpload);
  var maxFiles = Number(form.dataset.maxFiles);

  function show() {
    chosen.textContent = "";
    for (var i = 0; i < input.files.length; i++) {
      var li = document.createElement("li");
      li.textContent = input.files[i].name;
      chosen.appendChild(li);
    }
  }
  function refuse(text) {
    message.textContent = text;
    message.hidden = false;
  }
  input.addEventListener("change", show);
  ["dragenter", "dragover"].forEach(function (t) {
    zone.addEventListener(t, function (e) { e.preventDefault(); zone.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (t) {
    zone.addEventListener(t, function () { zone.classList.remove("over"); });
  });
  zone.addEventListener("drop", function (e) {
    e.preventDefault();
    if (e.dataTransfer && e.dataTransfer.files.length) {
      input.files = e.dataTransfer.files;
      show();
    }
  });
  form.addEventListener("submit", function (e) {
    message.hidden = true;
    var total = 0;
    for (var i = 0; i < input.files.length; i++) total += input.files[i].size;
    var o = document.getElementById("overrides");
    if (o.files.length) total += o.files[0].size;
    if (input.files.length > maxFiles) {
      e.preventDefault();
      refuse("At most " + maxFiles + " client lists can be screened at once. Screen the others in a second round.");
    } else if (total > maxBytes) {
      e.preventDefault();
      refuse("These files are larger than " + form.dataset.maxUploadText + " together, the most this page takes at once. Screen them in smaller groups.");
    } else {
      document.getElementById("screen-button").textContent = "Uploading…";
    }
  });
}

function setupProgress() {
  var box = document.getElementById("progress-box");
  if (!box) return;
  var bar = document.getElementById("progress");
  var text = document.getElementById("progress-text");
  var url = box.dataset.progressUrl;
  function poll() {
    fetch(url, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (p) {
        if (p.known) bar.value = p.fraction; else bar.removeAttribute("value");
        text.textContent = p.text;
        if (p.state === "done" || p.state === "failed" || p.state === "gone") {
          window.location.reload();
        } else {
          setTimeout(poll, 250);
        }
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
}
