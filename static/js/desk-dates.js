// The event form's date boxes: as the editor types, say back what the desk understood, or what
// is wrong. The desk reads the boxes (timeline/date_fields.py); this only asks it and shows the
// answer, so the page and the save never disagree. Without this script the answer shows on save.
// The admin loads form scripts in the page's head, before the form exists.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  const start = document.querySelector("input[data-dates-url]");
  if (!start) {
    return;
  }
  const form = start.form;
  const boxes = ["start", "end"].map((name) => form.elements.namedItem(name)).filter(Boolean);
  const zone = form.elements.namedItem("time_zone");
  let timer = null;
  let asked = 0;

  function show(box, answer) {
    const echo = document.getElementById(`${box.id}_echo`);
    if (echo) {
      echo.textContent = answer.error || answer.label;
      echo.classList.toggle("date-echo-error", Boolean(answer.error));
    }
  }

  async function ask() {
    const number = ++asked;
    const query = new URLSearchParams({ time_zone: zone ? zone.value : "" });
    boxes.forEach((box) => query.set(box.name, box.value));
    const response = await fetch(`${start.dataset.datesUrl}?${query}`, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    // Only the latest question's answer is shown: an older one may arrive after it.
    if (!response.ok || number !== asked) {
      return;
    }
    const answers = await response.json();
    if (number === asked) {
      boxes.forEach((box) => show(box, answers[box.name]));
    }
  }

  function askSoon() {
    clearTimeout(timer);
    timer = setTimeout(ask, 250);
  }

  boxes.forEach((box) => box.addEventListener("input", askSoon));
  if (zone) {
    zone.addEventListener("change", ask);
  }
});
