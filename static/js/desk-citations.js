/* The event form's citation lines (templates/admin/sources/citation/tabular.html).
 *
 * Rows are reordered by dragging their handle or with their arrow buttons; each row's hidden
 * position follows. Choosing a source on the last line adds an empty one after it. Without
 * this script the order stays as stored and new rows go last.
 * It also says, beside the verification field, when every chosen source is one party's.
 */
"use strict";
{
  const $ = window.django && window.django.jQuery;

  function setUp(group) {
    const prefix = JSON.parse(group.dataset.inlineFormset).options.prefix;
    const tbody = group.querySelector("tbody");
    const words = group.dataset;
    const note = partyNote(words);

    const rows = () => [...tbody.querySelectorAll("tr.form-row:not(.empty-form)")];
    const positionInput = (row) => row.querySelector(`input[name$="-position"]`);

    function addControls(row) {
      const cell = row.querySelector("td.citation-move");
      if (!cell || !positionInput(row) || cell.querySelector(".citation-handle")) {
        return;
      }
      const handle = document.createElement("span");
      handle.className = "citation-handle";
      handle.title = words.drag;
      handle.setAttribute("aria-hidden", "true");
      handle.textContent = "⠿";
      cell.append(handle, arrow("up", "↑"), arrow("down", "↓"));
    }

    function arrow(direction, symbol) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = `citation-${direction}`;
      button.dataset.direction = direction;
      button.textContent = symbol;
      return button;
    }

    // The arrows name the line they move: "Move citation 2 up".
    function label() {
      rows().forEach((row, index) => {
        row.querySelectorAll("button[data-direction]").forEach((button) => {
          const label = button.dataset.direction === "up" ? words.moveUp : words.moveDown;
          button.setAttribute("aria-label", label.replace("{number}", index + 1));
        });
      });
    }

    function number() {
      rows().forEach((row, index) => {
        const input = positionInput(row);
        if (input) {
          input.value = index;
        }
      });
      label();
    }

    // A row's error line travels with it.
    function moveBefore(row, reference) {
      const errors = row.previousElementSibling;
      const carried = errors && errors.classList.contains("row-form-errors") ? [errors, row] : [row];
      carried.forEach((element) => tbody.insertBefore(element, reference));
    }

    function leadOf(row) {
      const errors = row.previousElementSibling;
      return errors && errors.classList.contains("row-form-errors") ? errors : row;
    }

    function step(row, direction) {
      const all = rows();
      const index = all.indexOf(row);
      if (direction === "up" && index > 0) {
        moveBefore(row, leadOf(all[index - 1]));
      } else if (direction === "down" && index < all.length - 1) {
        moveBefore(all[index + 1], leadOf(row));
      } else {
        return;
      }
      number();
    }

    group.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-direction]");
      if (button) {
        step(button.closest("tr"), button.dataset.direction);
        button.focus();
      }
    });

    // Dragging follows the pointer: past the middle of a neighbouring line, the rows swap.
    let dragged = null;
    group.addEventListener("pointerdown", (event) => {
      const handle = event.target.closest(".citation-handle");
      if (!handle || event.button !== 0) {
        return;
      }
      event.preventDefault();
      dragged = handle.closest("tr");
      dragged.classList.add("is-dragged");
      handle.setPointerCapture(event.pointerId);
    });
    group.addEventListener("pointermove", (event) => {
      if (!dragged) {
        return;
      }
      const all = rows();
      const from = all.indexOf(dragged);
      all.forEach((row, index) => {
        const box = row.getBoundingClientRect();
        const middle = box.top + box.height / 2;
        if (index < from && event.clientY < middle && event.clientY >= box.top) {
          moveBefore(dragged, leadOf(row));
        } else if (index > from && event.clientY > middle && event.clientY <= box.bottom) {
          moveBefore(row, leadOf(dragged));
        }
      });
    });
    const drop = () => {
      if (dragged) {
        dragged.classList.remove("is-dragged");
        dragged = null;
        number();
      }
    };
    group.addEventListener("pointerup", drop);
    group.addEventListener("pointercancel", drop);

    // The admin renumbers the rows' field names in page order when an unsaved row is removed;
    // the saved rows must keep the first numbers, which the server reads as the stored ones.
    document.addEventListener("formset:removed", (event) => {
      if (event.detail.formsetName === prefix) {
        // Taken before the admin renames the lines, which follows this event (see reindex).
        const checked = [...tbody.querySelectorAll(`input[type="radio"]:checked`)];
        setTimeout(() => reindex(checked));
      }
      setTimeout(refresh);
    });

    // Radio buttons (the stance) form a group by name: a line renamed to a name another line
    // still holds unchecks one of the two, so those checked before any renaming are checked again.
    function reindex(checked) {
      const saved = rows().filter((row) => row.classList.contains("has_original"));
      const added = rows().filter((row) => !row.classList.contains("has_original"));
      [...saved, ...added].forEach((row, index) => rename(row, index));
      checked.forEach((input) => {
        input.checked = true;
      });
      label();
    }

    function rename(row, index) {
      const pattern = new RegExp(`${prefix}-(\\d+|__prefix__)`, "g");
      const replacement = `${prefix}-${index}`;
      const named = row.querySelectorAll("[id], [name], [for], [aria-labelledby]");
      [row, ...named].forEach((element) => {
        ["id", "name", "for", "aria-labelledby"].forEach((attribute) => {
          const value = element.getAttribute(attribute);
          if (value) {
            element.setAttribute(attribute, value.replace(pattern, replacement));
          }
        });
      });
    }

    // select2's box and the text in it are named by the source shown, which is nothing on an
    // empty line: the column's label names them first.
    function nameSourceBox(row) {
      const label = row.querySelector(`label[id$="-source-label"]`);
      const box = row.querySelector(".select2-selection[aria-labelledby]");
      const shown = row.querySelector(".select2-selection__rendered[role]");
      if (!label || !box) {
        return;
      }
      const names = box.getAttribute("aria-labelledby").split(" ");
      if (!names.includes(label.id)) {
        box.setAttribute("aria-labelledby", [label.id, ...names].join(" "));
      }
      shown?.setAttribute("aria-labelledby", label.id);
    }

    document.addEventListener("formset:added", (event) => {
      if (event.detail.formsetName === prefix) {
        addControls(event.target);
        label();
        // After the admin's own handler has made the row's source box.
        setTimeout(() => nameSourceBox(event.target));
      }
    });

    // After a refused save the rows come back in the order of their numbers, not the page's.
    function restoreOrder() {
      const numbered = rows().map((row, index) => {
        const value = positionInput(row)?.value;
        return { row, index, position: value === "" || value == null ? Infinity : Number(value) };
      });
      numbered.sort((a, b) => a.position - b.position || a.index - b.index);
      const end = tbody.querySelector("tr.empty-form, tr.add-row");
      numbered.forEach(({ row }) => moveBefore(row, end));
    }

    // One party's word: mirrors Event.verification_error, which still decides on the server.
    const parties = new Map();

    function partyOf(select) {
      const option = select.selectedOptions[0];
      if (option && option.dataset.party !== undefined) {
        return option.dataset.party;
      }
      return parties.get(select.value);
    }

    function chosenSelects() {
      return rows()
        .filter((row) => !row.querySelector(`input[name$="-DELETE"]:checked`))
        .map((row) => row.querySelector(`select[name$="-source"]`))
        .filter((select) => select && select.value);
    }

    function refresh() {
      const selects = chosenSelects();
      const unknown = selects.filter((select) => partyOf(select) === undefined);
      unknown.forEach(lookUp);
      const found = new Set(selects.map(partyOf));
      const party = found.size === 1 && !unknown.length ? [...found][0] : "";
      note.show(party);
    }

    // A source added through the "add another" window reached the page without its party.
    function lookUp(select) {
      const option = select.selectedOptions[0];
      const url = new URL(select.getAttribute("data-ajax--url"), window.location.href);
      url.search = new URLSearchParams({
        term: option.text,
        app_label: select.dataset.appLabel,
        model_name: select.dataset.modelName,
        field_name: select.dataset.fieldName,
      });
      const id = select.value;
      parties.set(id, null); // asked once
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then((response) => (response.ok ? response.json() : { results: [] }))
        .then((data) => {
          const result = data.results.find((item) => item.id === id);
          parties.set(id, result ? result.party : "");
          refresh();
        })
        .catch(() => parties.set(id, ""));
    }

    // One empty line stays ready: choosing a source on the last line opens the next, as the
    // admin's "Add another" would (a line left without a source is ignored on save).
    function keepOneEmpty(select) {
      const all = rows();
      const add = group.querySelector("tr.add-row a, .add-row a");
      if (select.value && select.closest("tr") === all[all.length - 1] && add) {
        add.click();
      }
    }

    const changed = (event) => {
      if (event.target.matches?.(`select[name$="-source"]`)) {
        keepOneEmpty(event.target);
      }
      setTimeout(refresh);
    };
    if ($) {
      $(group).on("select2:select", "select", (event) => {
        const data = event.params && event.params.data;
        if (data && data.party !== undefined) {
          parties.set(String(data.id), data.party);
        }
      });
      $(group).on("change", changed);
    } else {
      group.addEventListener("change", changed);
    }

    restoreOrder();
    rows().forEach(addControls);
    const template = tbody.querySelector("tr.empty-form");
    if (template) {
      addControls(template);
    }
    label();
    rows().forEach(nameSourceBox);
    refresh();
  }

  // The warning lives under the verification field, announced as it changes.
  function partyNote(words) {
    const field = document.querySelector(".form-row.field-verification");
    const verification = document.getElementById("id_verification");
    const override = document.getElementById("id_verification_note");
    const note = document.createElement("p");
    note.className = "citation-party-note";
    note.setAttribute("role", "status");
    if (field) {
      field.after(note);
    }
    let party = "";
    // Kept in the page while empty, so that a screen reader announces the text when it comes.
    function render() {
      let text = party ? words.oneParty.replace("{party}", party) : "";
      // The status is a row of radio buttons, which Django wraps in an element of the field's id.
      const confirmed = verification?.querySelector("input:checked")?.value === "confirmed";
      if (party && confirmed && override && !override.value.trim()) {
        text += ` ${words.needsNote}`;
      }
      note.textContent = text;
    }
    [verification, override].forEach((element) => {
      element?.addEventListener("input", render);
      element?.addEventListener("change", render);
    });
    return {
      show(found) {
        party = found;
        render();
      },
    };
  }

  function start() {
    document.querySelectorAll(".citation-lines").forEach(setUp);
  }

  // After the admin's own inline script, which also waits for the page.
  if ($) {
    $(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}
