/* The change form of an event or article (templates/admin/publishing/includes/panel.html):
   - Ctrl+S (Cmd+S on a Mac) saves and keeps the form open;
   - the Publish button reads "Schedule for 6 August, 14:00" while the publish time is ahead;
   - the browser keeps a copy of unsaved input, per item and version (per model on the add form),
     offers it back when the form is opened again at that version, and drops it once saved.
   Also loaded on the lists, where a save's redirect may land. */
"use strict";
{
    // Set as a form is sent: the copy to drop if the next page shows no error.
    const SAVING = "desk-saving";
    // Never kept nor restored: the token, the version the form was opened at, the formsets'
    // counts (rows are added by clicking "Add another"), and the empty row's template.
    const SKIPPED = /^(csrfmiddlewaretoken|seen_version)$|__prefix__|-(INITIAL|MIN_NUM|MAX_NUM)_FORMS$/;

    function forgetSavedCopy() {
        const key = sessionStorage.getItem(SAVING);
        if (key === null) {
            return;
        }
        sessionStorage.removeItem(SAVING);
        if (!document.querySelector(".errornote, .errorlist, .messagelist .error")) {
            localStorage.removeItem(key);
        }
    }

    function fieldsOf(form) {
        return Array.from(form.elements).filter(
            (field) =>
                field.name &&
                !SKIPPED.test(field.name) &&
                !["file", "submit", "button", "reset"].includes(field.type),
        );
    }

    function keyOf(field) {
        return field.type === "checkbox" ? `${field.name}=${field.value}` : field.name;
    }

    function snapshot(form) {
        const fields = {};
        for (const field of fieldsOf(form)) {
            if (field.type === "checkbox") {
                fields[keyOf(field)] = field.checked;
            } else if (field.type === "radio") {
                if (field.checked) {
                    fields[field.name] = field.value;
                }
            } else if (field.tagName === "SELECT") {
                // The label too: an autocomplete box holds only the options chosen.
                fields[field.name] = Array.from(field.selectedOptions, (o) => [o.value, o.text]);
            } else {
                fields[field.name] = field.value;
            }
        }
        return fields;
    }

    function addRows(form, fields) {
        for (const [name, total] of Object.entries(fields)) {
            const prefix = name.match(/^(.+)-TOTAL_FORMS$/);
            const counter = form.elements[name];
            if (!prefix || !counter) {
                continue;
            }
            const add = document.querySelector(`#${CSS.escape(prefix[1])}-group .add-row a`);
            while (add && Number(counter.value) < Number(total)) {
                add.click();
            }
        }
    }

    function restore(form, fields) {
        addRows(form, fields);
        for (const field of fieldsOf(form)) {
            const value = fields[keyOf(field)];
            if (field.type === "hidden" || value === undefined) {
                continue;
            }
            if (field.type === "checkbox") {
                field.checked = value;
            } else if (field.type === "radio") {
                field.checked = field.value === value;
            } else if (field.tagName === "SELECT") {
                for (const [optionValue, text] of value) {
                    if (!Array.from(field.options).some((o) => o.value === optionValue)) {
                        field.add(new Option(text, optionValue));
                    }
                }
                const chosen = new Set(value.map(([optionValue]) => optionValue));
                for (const option of field.options) {
                    option.selected = chosen.has(option.value);
                }
                // Autocomplete boxes redraw on it.
                field.dispatchEvent(new Event("change", {bubbles: true}));
            } else {
                field.value = value;
            }
        }
    }

    function keepUnsavedInput(form, panel) {
        const key = panel.dataset.draftKey;
        const initial = JSON.stringify(snapshot(form));
        const notice = panel.querySelector(".desk-draft");
        // A form sent back with errors shows input that is not saved: kept even unchanged.
        const sentBack = document.querySelector(".errornote") !== null;
        let offering = false;

        function keep() {
            if (offering) {
                return; // typing must not overwrite the copy not yet restored or discarded
            }
            const fields = snapshot(form);
            if (!sentBack && JSON.stringify(fields) === initial) {
                localStorage.removeItem(key);
            } else {
                localStorage.setItem(key, JSON.stringify({keptAt: Date.now(), fields}));
            }
        }

        function closeOffer() {
            offering = false;
            notice.hidden = true;
            notice.replaceChildren();
        }

        function offer(kept) {
            offering = true;
            const when = new Date(kept.keptAt);
            const text = document.createElement("p");
            text.textContent = panel.dataset.kept.replace("{time}", when.toLocaleString());
            const restoreButton = document.createElement("button");
            restoreButton.type = "button";
            restoreButton.className = "button default";
            restoreButton.textContent = panel.dataset.restore;
            restoreButton.addEventListener("click", () => {
                closeOffer();
                restore(form, kept.fields);
                keep();
            });
            const discardButton = document.createElement("button");
            discardButton.type = "button";
            discardButton.className = "button";
            discardButton.textContent = panel.dataset.discard;
            discardButton.addEventListener("click", () => {
                closeOffer();
                keep();
            });
            notice.replaceChildren(text, restoreButton, " ", discardButton);
            notice.hidden = false;
        }

        let kept = null;
        try {
            kept = JSON.parse(localStorage.getItem(key));
        } catch {
            localStorage.removeItem(key);
        }
        if (kept && kept.fields && JSON.stringify(kept.fields) !== initial) {
            offer(kept);
        } else {
            keep();
        }
        return keep;
    }

    function wallClock(text) {
        // "2024-08-06T14:00:00" as milliseconds, read as if it were UTC: only compared and
        // written back out, never moved between zones.
        const parts = text.match(/^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d))?/);
        return parts && Date.UTC(parts[1], parts[2] - 1, parts[3], parts[4], parts[5], parts[6] || 0);
    }

    function typedTime(date, time) {
        // As the desk shows dates (31/12/2024) or as ISO (2024-12-31); times as 14:00[:00].
        const day = date.trim().match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/);
        const iso = date.trim().match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);
        const clock = time.trim().match(/^(\d{1,2}):(\d\d)(?::(\d\d))?$/);
        const [year, month, dayOfMonth] = day ? [day[3], day[2], day[1]] : iso ? iso.slice(1) : [];
        if (!year || !clock) {
            return null;
        }
        const pad = (n) => String(n).padStart(2, "0");
        const text = `${year}-${pad(month)}-${pad(dayOfMonth)}T${pad(clock[1])}:${clock[2]}`;
        return wallClock(text);
    }

    // The day and month as the page's language writes them ("6 August", "6 серпня").
    const dayAndMonth = new Intl.DateTimeFormat(document.documentElement.lang || "en-GB", {
        day: "numeric",
        month: "long",
        timeZone: "UTC",
    });

    function scheduleLabel(panel, moment, thisYear) {
        const when = new Date(moment);
        const year = when.getUTCFullYear() === thisYear ? "" : ` ${when.getUTCFullYear()}`;
        const clock = [when.getUTCHours(), when.getUTCMinutes()]
            .map((n) => String(n).padStart(2, "0"))
            .join(":");
        const time = `${dayAndMonth.format(when)}${year}, ${clock}`;
        return panel.dataset.schedule.replace("{time}", time);
    }

    function followPublishTime(form, panel) {
        const button = panel.querySelector("[data-publish-step]");
        const date = form.elements.publish_at_0;
        const time = form.elements.publish_at_1;
        if (!button || !date || !time) {
            return () => {};
        }
        // The newsroom's clock at page load, and how far the browser's is from it.
        const serverNow = wallClock(panel.dataset.now);
        const skew = serverNow - Date.now();
        const thisYear = new Date(serverNow).getUTCFullYear();
        return () => {
            const moment = typedTime(date.value, time.value);
            const ahead = moment !== null && moment > Date.now() + skew;
            button.textContent = ahead ? scheduleLabel(panel, moment, thisYear) : panel.dataset.publish;
        };
    }

    function saveOnCtrlS(form) {
        document.addEventListener("keydown", (event) => {
            if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "s") {
                event.preventDefault();
                const button = form.querySelector('[name="_continue"]');
                if (button) {
                    form.requestSubmit(button);
                }
            }
        });
    }

    // The admin's autocomplete boxes (select2) leave their search field and an empty choice
    // without a name for screen readers: give them the label of the select they stand for.
    function nameAutocompleteBoxes(root) {
        for (const select of root.querySelectorAll("select.admin-autocomplete")) {
            const label = select.id && document.querySelector(`label[for="${select.id}"]`);
            const box = select.nextElementSibling;
            if (!label || !box || !box.classList.contains("select2")) {
                continue;
            }
            label.id = label.id || `${select.id}_label`;
            const name = label.textContent.replace(/:\s*$/, "").trim();
            const chosen = box.querySelector(".select2-selection[aria-labelledby]");
            if (chosen && !chosen.getAttribute("aria-labelledby").includes(label.id)) {
                chosen.setAttribute(
                    "aria-labelledby",
                    `${label.id} ${chosen.getAttribute("aria-labelledby")}`,
                );
            }
            const unnamed = ".select2-search__field, .select2-selection__rendered[role=textbox]";
            for (const field of box.querySelectorAll(unnamed)) {
                field.setAttribute("aria-label", name);
            }
        }
    }

    document.addEventListener("DOMContentLoaded", forgetSavedCopy);
    document.addEventListener("formset:added", (event) => nameAutocompleteBoxes(event.target));
    // After the admin's own scripts (inlines, calendars), which set the form up on load.
    window.addEventListener("load", () => {
        const panel = document.getElementById("desk-panel");
        const form = panel && panel.closest("form");
        if (!form) {
            return;
        }
        saveOnCtrlS(form);
        const keep = keepUnsavedInput(form, panel);
        const relabel = followPublishTime(form, panel);
        const edited = () => {
            relabel();
            keep();
        };
        for (const type of ["input", "change", "focusin"]) {
            form.addEventListener(type, edited);
        }
        // Calendar shortcuts and "Add another" change the form without an input event.
        form.addEventListener("click", () => setTimeout(edited));
        window.addEventListener("pagehide", keep);
        form.addEventListener("submit", () => {
            keep();
            sessionStorage.setItem(SAVING, panel.dataset.draftKey);
        });
        // The admin makes its autocomplete boxes when jQuery is ready, which may come later.
        django.jQuery(() => {
            nameAutocompleteBoxes(form);
            panel.dataset.ready = "true";
        });
    });
}
