// The imports page's Upload (docs/console.md "Upload files"): files dropped on the zone or chosen in the file input
// are sent one per request to POST /api/uploads (the session cookie authenticates), and the files checked first
// are listed from GET /api/uploads/held with their dry run and the buttons to import or discard them.
// Every value from a file or the server is set as text (textContent), never as HTML.
(function () {
  "use strict";
  var drop = document.getElementById("upload-drop");
  if (!drop) {
    return;
  }
  var input = document.getElementById("upload-files");
  var check = document.getElementById("upload-check");
  var results = document.getElementById("upload-results");
  var held = document.getElementById("held");
  var heldBody = document.querySelector("#held-files tbody");
  var polling = null;

  function line(className, text) {
    var li = document.createElement("li");
    li.className = className;
    li.textContent = text;
    results.appendChild(li);
    return li;
  }

  function upload(file) {
    var li = line("uploading", file.name + ": uploading…");
    var url = "/api/uploads?name=" + encodeURIComponent(file.name) + "&check=" + (check.checked ? "true" : "false");
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/octet-stream" },
      body: file
    }).then(function (response) {
      return response.json().then(function (answer) {
        if (response.status === 202) {
          li.className = "uploaded";
          li.dataset.file = answer.file;
          li.textContent = file.name + ": uploaded as " + answer.file + (answer.checkFirst
            ? ", checking it with a dry run (below)" : ", waiting for its import (in the list below)");
        } else {
          li.className = "refused";
          li.textContent = file.name + ": refused (" + response.status + "): " + answer.error;
        }
      });
    }).catch(function (error) {
      li.className = "refused";
      li.textContent = file.name + ": not sent: " + error;
    });
  }

  function uploadAll(files) {
    var list = Array.prototype.slice.call(files);
    // one after the other: a few large files do not compete for the link
    return list.reduce(function (previous, file) {
      return previous.then(function () { return upload(file); });
    }, Promise.resolve()).then(function () {
      // the imports table below follows the inbox by itself (it polls every second): only the held files are asked for
      refreshHeld();
    });
  }

  function cell(row, text, className) {
    var td = row.insertCell();
    td.textContent = text === null || text === undefined ? "" : String(text);
    if (className) {
      td.className = className;
    }
    return td;
  }

  function act(method, url) {
    return fetch(url, { method: method, credentials: "same-origin" }).then(function (response) {
      return response.json().then(function (answer) {
        if (response.status >= 400) {
          line("refused", answer.error);
        } else if (answer.status === "waiting") {
          line("uploaded", answer.file + ": confirmed, waiting for its import (in the list below)");
        }
        refreshHeld();
      });
    });
  }

  function button(td, label, className, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = className;
    b.textContent = label;
    b.addEventListener("click", onClick);
    td.appendChild(b);
  }

  function render(files) {
    heldBody.textContent = "";
    held.hidden = files.length === 0;
    var checking = false;
    files.forEach(function (h) {
      var row = heldBody.insertRow();
      row.dataset.file = h.file;
      cell(row, h.file, "file");
      var run = h.run;
      var done = h.state === "checked";
      checking = checking || !done || (run && run.state === "running");
      var status = cell(row, "");
      if (run) {
        var a = document.createElement("a");
        a.href = "/console/imports/" + encodeURIComponent(run.id);
        a.className = "dry-run";
        // the state in the imports table's words (running, done, failed ...), not the ledger's status
        a.textContent = "run " + run.id + ": " + run.state;
        status.appendChild(a);
      } else {
        status.textContent = done ? "no report: refused (see the outbox's dead-letter folder)" : "checking…";
      }
      var o = run && run.outcomes;
      cell(row, run ? run.rowsRead : null, "num");
      cell(row, o ? o.created : null, "num");
      cell(row, o ? o.updated : null, "num");
      cell(row, o ? o.rejected + o.failed : null, "num");
      var actions = cell(row, "");
      if (done) {
        var path = "/api/uploads/held/" + encodeURIComponent(h.file);
        button(actions, "Import it", "confirm", function () { act("POST", path + "/import"); });
        button(actions, "Discard", "discard", function () { act("DELETE", path); });
      }
    });
    if (checking && polling === null) {
      polling = window.setInterval(refreshHeld, 2000);
    } else if (!checking && polling !== null) {
      window.clearInterval(polling);
      polling = null;
    }
  }

  function refreshHeld() {
    return fetch("/api/uploads/held", { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : { held: [] }; })
      .then(function (answer) { render(answer.held); });
  }

  input.addEventListener("change", function () {
    uploadAll(input.files).then(function () { input.value = ""; });
  });
  ["dragenter", "dragover"].forEach(function (type) {
    drop.addEventListener(type, function (event) {
      event.preventDefault();
      drop.classList.add("over");
    });
  });
  ["dragleave", "drop"].forEach(function (type) {
    drop.addEventListener(type, function () { drop.classList.remove("over"); });
  });
  drop.addEventListener("drop", function (event) {
    event.preventDefault();
    uploadAll(event.dataTransfer.files);
  });
  refreshHeld();
}());
