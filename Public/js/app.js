// Gridcase's only script. Every page works without it; with it, forms feel quicker and safer.
(function () {
  "use strict";

  function announce(text) {
    var region = document.getElementById("live-region");
    if (!region) return;
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  // A form is sent once: a second click while the first is on its way does nothing.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset.submitting === "1") { event.preventDefault(); return; }
    form.dataset.submitting = "1";
  }, true);
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-submitting]").forEach(function (form) { delete form.dataset.submitting; });
  });

  // Ny anmälan: the choices that depend on each other ([data-dependent] parts) are refreshed in place.
  // Only the answer to the latest change is used, and choices still on offer stay chosen.
  function bindDependentChoices(form) {
    var url = form.dataset.dependentChoices;
    var latest = 0;
    form.querySelectorAll("[data-reload-button]").forEach(function (button) { button.hidden = true; });
    form.addEventListener("change", function (event) {
      if (!event.target.matches("[data-reload]")) return;
      var request = ++latest;
      fetch(url, { method: "POST", body: new URLSearchParams(new FormData(form)), credentials: "same-origin" })
        .then(function (response) { return response.text(); })
        .then(function (html) {
          if (request !== latest) return;
          var fresh = new DOMParser().parseFromString(html, "text/html");
          var chosen = new FormData(form);
          form.querySelectorAll("[data-dependent]").forEach(function (part) {
            var replacement = fresh.getElementById(part.id);
            if (!replacement) return;
            part.innerHTML = replacement.innerHTML;
            part.querySelectorAll("[name]").forEach(function (element) {
              var value = chosen.get(element.name);
              if (value === null) return;
              if (element.type === "radio") { if (element.value === value) element.checked = true; }
              else if (Array.prototype.some.call(element.options || [], function (o) { return o.value === value; })) {
                element.value = value;
              }
            });
          });
          announce("Valen är uppdaterade.");
        })
        .catch(function () { form.querySelectorAll("[data-reload-button]").forEach(function (b) { b.hidden = false; }); });
    });
  }
  document.querySelectorAll("form[data-dependent-choices]").forEach(bindDependentChoices);

  // The case form: copy owner to billing instantly, warn before leaving unsaved changes.
  function fieldsOf(form, prefix) {
    var map = {};
    Array.prototype.forEach.call(form.elements, function (element) {
      if (element.name && element.name.indexOf(prefix) === 0) {
        (map[element.name.slice(prefix.length)] = map[element.name.slice(prefix.length)] || []).push(element);
      }
    });
    return map;
  }

  function bindCaseForm(form) {
    var dirty = false;
    var markDirty = function () { dirty = true; };
    form.addEventListener("input", markDirty);
    form.addEventListener("change", markDirty);
    form.addEventListener("submit", function () { dirty = false; });
    window.addEventListener("beforeunload", function (event) {
      if (dirty) { event.preventDefault(); event.returnValue = ""; }
    });
    document.querySelectorAll("a[data-leave]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        if (dirty && !window.confirm("Du har ändringar som inte är sparade. Vill du lämna sidan ändå?")) {
          event.preventDefault();
        } else {
          dirty = false;
        }
      });
    });

    var copyButton = form.querySelector("[data-copy-owner]");
    if (copyButton) {
      copyButton.addEventListener("click", function (event) {
        event.preventDefault();
        var owner = fieldsOf(form, "owner.");
        var billing = fieldsOf(form, "billing.");
        Object.keys(owner).forEach(function (name) {
          var targets = billing[name];
          if (!targets) return;
          var sources = owner[name];
          if (sources[0].type === "radio") {
            var chosen = sources.filter(function (s) { return s.checked; })[0];
            targets.forEach(function (t) { t.checked = !!chosen && t.value === chosen.value; });
          } else {
            targets[0].value = sources[0].value;
          }
        });
        markDirty();
        updatePartyKinds(form);
        announce("Uppgifterna är kopierade från fastighetsägaren. Glöm inte att spara.");
      });
    }

    form.addEventListener("change", function (event) {
      if (event.target.matches("[data-party-kind]")) updatePartyKinds(form);
    });
    updatePartyKinds(form);
  }

  // Privat shows Efternamn and Förnamn, Företag shows Namn; a field that has text always stays visible.
  function updatePartyKinds(form) {
    ["owner", "billing"].forEach(function (party) {
      var chosen = form.querySelector('input[name="' + party + '.kind"]:checked');
      var kind = chosen ? chosen.value : "";
      var toggle = function (name, show) {
        var wrapper = form.querySelector('[data-field="' + party + "." + name + '"]');
        if (!wrapper) return;
        var input = wrapper.querySelector("input");
        wrapper.hidden = !show && !(input && input.value);
      };
      toggle("name", kind !== "person");
      toggle("lastName", kind !== "organization");
      toggle("firstName", kind !== "organization");
    });
  }
  document.querySelectorAll("form[data-unsaved-warning]").forEach(bindCaseForm);

  // The manual's question after Spara, as a real modal dialog.
  document.querySelectorAll("dialog[data-modal]").forEach(function (dialog) {
    if (typeof dialog.showModal !== "function") return;
    dialog.close();
    dialog.showModal();
  });

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  // Jump to the error summary after a refused save, so screen readers and keyboards start there.
  var banner = document.getElementById("form-banner");
  if (banner && banner.getAttribute("role") === "alert") banner.focus();
})();
