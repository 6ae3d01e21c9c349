// Progressive enhancement of the survey pages; every step works without this file.
// Keeps what was typed on this device (localStorage) so that a closed tab can continue, moves
// focus to the error summary, and forgets the stored answers once they have been sent.
(function () {
  "use strict";
  var PREFIX = "survey:";
  var storage;
  try {
    storage = window.localStorage;
    storage.setItem(PREFIX + "test", "1");
    storage.removeItem(PREFIX + "test");
  } catch (e) {
    storage = null;
  }

  function collect(form) {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrfmiddlewaretoken" || el.name === "website") return;
      if (el.type === "radio" || el.type === "checkbox") {
        data[el.name] = data[el.name] || [];
        if (el.checked) data[el.name].push(el.value);
      } else if (el.tagName !== "BUTTON") {
        data[el.name] = el.value;
      }
    });
    return data;
  }

  function isEmpty(form) {
    return !Array.prototype.some.call(form.elements, function (el) {
      if (el.type === "radio" || el.type === "checkbox") return el.checked;
      if (el.type === "hidden" || el.tagName === "BUTTON" || el.name === "website") return false;
      return !!el.value;
    });
  }

  function restore(form, data) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!(el.name in data)) return;
      var value = data[el.name];
      if (el.type === "radio" || el.type === "checkbox") {
        el.checked = Array.isArray(value) && value.indexOf(el.value) !== -1;
      } else if (typeof value === "string") {
        el.value = value;
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) summary.focus();

    var done = document.querySelector("[data-survey-done]");
    if (done && storage) {
      var id = done.getAttribute("data-survey-done") + "-";
      for (var i = storage.length - 1; i >= 0; i--) {
        var key = storage.key(i);
        if (key && key.indexOf(PREFIX + id) === 0) storage.removeItem(key);
      }
    }

    var form = document.querySelector("form[data-survey-form]");
    if (!form || !storage) return;
    var key = PREFIX + form.getAttribute("data-survey-form");
    if (!summary && isEmpty(form)) {
      try {
        var saved = JSON.parse(storage.getItem(key) || "null");
        if (saved) restore(form, saved);
      } catch (e) {
        storage.removeItem(key);
      }
    }
    var save = function () {
      storage.setItem(key, JSON.stringify(collect(form)));
    };
    form.addEventListener("input", save);
    form.addEventListener("change", save);
  });
})();
