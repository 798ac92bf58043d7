// The profile form, built from the service: the lists (conditions and their codes, movements, red
// flags, equipment) from /v1/knowledge, the enumerations and ranges from the OpenAPI Profile schema.
// readProfile() gives the profile JSON; showDiagnostics() puts each 400 diagnostic next to the control
// its JSON pointer names (the nearest enclosing control when there is no exact one).
import { h, slug } from "./dom.js";

function need(value, what) {
  if (value === undefined || value === null) throw new Error(`the service's profile schema has no ${what}`);
  return value;
}

// "S76.2", "icd10:S76.2", "snomed:7674000" -> comparable forms (as the service compares codes).
const normalCode = (s) => s.toLowerCase().replace(/[\s.]/g, "").replace(/-$/, "");
function splitCode(q) {
  const m = /^([a-z]+)\s*:\s*(.+)$/i.exec(q.trim());
  return m ? { system: m[1].toLowerCase(), code: normalCode(m[2]) } : { system: "", code: normalCode(q) };
}
const family = (system) => (/^(icd|icd10|icd10cm)$/.test(system) ? "icd" : /^(snomed|snomedct|sct)$/.test(system) ? "snomed" : system);

const systemName = { icd10: "ICD-10", icd10cm: "ICD-10-CM", snomed: "SNOMED CT" };

function painOptions(noneLabel, min, max) {
  const opts = [h("option", { value: "", text: noneLabel })];
  for (let v = min; v <= max; v++) opts.push(h("option", { value: String(v), text: v === min ? `${v} (no pain)` : v === max ? `${v} (worst)` : String(v) }));
  return opts;
}

function field(id, label, control, hint) {
  return h("div", { class: "field", dataset: { field: id } },
    h("label", { for: id, text: label }), hint ? h("p", { class: "hint", id: `${id}-hint`, text: hint }) : null, control);
}

function numberInput(id, pointer, range, step, required, hintId) {
  return h("input", { id, name: id, type: "number", inputmode: "numeric", min: range.minimum, max: range.maximum, step,
    required, dataset: { pointer }, "aria-describedby": hintId });
}

function checklist(legend, pointer, name, items, detail) {
  return h("fieldset", { class: "checklist", dataset: { pointer }, id: `${name}-set` },
    h("legend", { text: legend }),
    items.map((it) => h("div", { class: "check" },
      h("input", { type: "checkbox", id: `${name}-${slug(it.id)}`, name, value: it.id }),
      h("label", { for: `${name}-${slug(it.id)}` }, it.name, detail && it.detail ? h("span", { class: "detail", text: ` (${it.detail})` }) : null))));
}

export function buildForm(form, container, kb, openapi) {
  const schema = need(openapi?.components?.schemas?.Profile?.properties, "Profile");
  const pain = need(openapi.components.schemas.Pain, "Pain");
  const caps = need(schema.capabilities?.properties, "capabilities");
  const codesOf = new Map();
  for (const c of kb.codes) {
    const [system, code] = c.id.split(":");
    if (!codesOf.has(c.name)) codesOf.set(c.name, []);
    codesOf.get(c.name).push({ system, code, match: c.detail || "exact" });
  }
  const keyMovement = new Map(kb.conditions.map((c) => [c.id, (/key movement (\S+)/.exec(c.detail || "") || [])[1]]));
  const movementName = new Map(kb.movements.map((m) => [m.id, m.name]));

  // Condition: a search box (name, id or code) that filters and picks in the select.
  const select = h("select", { id: "condition", name: "condition", required: true, dataset: { pointer: "/condition" } },
    h("option", { value: "", text: "Choose a condition" }),
    kb.conditions.map((c) => {
      const codes = (codesOf.get(c.id) || []).map((x) => `${systemName[x.system] || x.system} ${x.code}`);
      return h("option", { value: c.id, text: codes.length ? `${c.name} (${codes.join(", ")})` : c.name });
    }));
  const count = h("p", { id: "condition-count", class: "hint", role: "status" });
  const search = h("input", { id: "condition-search", type: "search", autocomplete: "off", "aria-controls": "condition",
    "aria-describedby": "condition-search-hint condition-count" });
  const matches = (c, q) => {
    const text = `${c.id} ${c.name}`.toLowerCase();
    if (text.includes(q.toLowerCase())) return true;
    const { system, code } = splitCode(q);
    return (codesOf.get(c.id) || []).some((x) => (!system || family(system) === family(x.system)) &&
      (normalCode(x.code) === code || (code.length >= 3 && normalCode(x.code).startsWith(code)) ||
       (x.match === "category" && code.startsWith(normalCode(x.code)))));
  };
  search.addEventListener("input", () => {
    const q = search.value.trim();
    const shown = kb.conditions.filter((c) => !q || matches(c, q));
    for (const opt of select.options) if (opt.value) opt.hidden = !shown.some((c) => c.id === opt.value);
    if (shown.length === 1) {
      select.value = shown[0].id;
      select.dispatchEvent(new Event("change"));
    }
    count.textContent = q ? `${shown.length} condition${shown.length === 1 ? "" : "s"} match` +
      (shown.length === 1 ? `: ${shown[0].name} selected` : "") : "";
  });

  const sides = need(schema.side?.enum, "side");
  const stages = need(schema.stage?.enum, "stage");
  const bearing = need(caps.weight_bearing?.enum, "capabilities.weight_bearing");
  const painRow = (m) => h("tr", { dataset: { movement: m.id } },
    h("th", { scope: "row", id: `row-${slug(m.id)}` }, m.name, h("span", { class: "key-badge", hidden: true, text: " (key movement)" })),
    ["resisted", "stretch"].map((kind) => h("td", { dataset: { field: `pain-${kind}-${slug(m.id)}` } },
      h("label", { for: `pain-${kind}-${slug(m.id)}`, class: "visually-hidden",
        text: `Pain on ${kind === "resisted" ? "resisted testing of" : "stretch into"} ${m.name.toLowerCase()}, 0 to 10` }),
      h("select", { id: `pain-${kind}-${slug(m.id)}`, name: `pain-${kind}`, dataset: { pointer: `/pain/${kind}/${m.id}`, movement: m.id } },
        painOptions("not tested", pain.minimum, pain.maximum)))));

  container.replaceChildren(
    h("fieldset", {}, h("legend", { text: "Condition and history" }),
      field("condition-search", "Find a condition (name, id, ICD-10 or SNOMED CT code)", search,
        "Type to narrow the list; a code picks its condition."),
      count,
      field("condition", "Condition", select),
      h("p", { id: "key-movement", class: "hint", "aria-live": "polite" }),
      h("fieldset", { class: "inline", dataset: { pointer: "/side" }, id: "side-set" }, h("legend", { text: "Side" }),
        sides.map((s, i) => h("span", { class: "radio" },
          h("input", { type: "radio", name: "side", id: `side-${s}`, value: s, required: i === 0 }),
          h("label", { for: `side-${s}`, text: s })))),
      h("div", { class: "row" },
        field("age", "Age (years)", numberInput("age", "/age", need(schema.age, "age"), 1, true)),
        field("days", "Days since onset (blank: not recorded)", numberInput("days", "/days_since_onset", need(schema.days_since_onset, "days_since_onset"), 1, false)),
        field("stage", "Stage", h("select", { id: "stage", dataset: { pointer: "/stage" } },
          h("option", { value: "", text: "infer from the findings" }), stages.map((s) => h("option", { value: s, text: s })))))),
    checklist("Red flags (any one: refer, no exercise)", "/red_flags", "red-flag", kb["red-flags"], true),
    h("fieldset", {}, h("legend", { text: "Pain (0-10 numeric rating scale)" }),
      h("div", { class: "row" },
        field("pain-rest", "Pain at rest", h("select", { id: "pain-rest", dataset: { pointer: "/pain/rest" } }, painOptions("not recorded", pain.minimum, pain.maximum))),
        field("pain-walking", "Pain on walking", h("select", { id: "pain-walking", dataset: { pointer: "/pain/walking" } }, painOptions("not recorded", pain.minimum, pain.maximum)))),
      h("table", { class: "pain-table" },
        h("caption", { text: "Pain per movement: \"not tested\" is not 0" }),
        h("thead", {}, h("tr", {}, h("th", { scope: "col", text: "Movement" }), h("th", { scope: "col", text: "On resisted testing" }),
          h("th", { scope: "col", text: "On stretch" }))),
        h("tbody", {}, kb.movements.map(painRow)))),
    h("fieldset", {}, h("legend", { text: "Capabilities and care" }),
      h("div", { class: "row" },
        field("weight-bearing", "Weight bearing on the affected leg", h("select", { id: "weight-bearing", dataset: { pointer: "/capabilities/weight_bearing" } },
          h("option", { value: "", text: "not recorded" }), bearing.map((b) => h("option", { value: b, text: b })))),
        field("stance", "Single-leg stance, affected leg (seconds; blank: not tested)",
          numberInput("stance", "/capabilities/single_leg_stance_s", need(caps.single_leg_stance_s, "single_leg_stance_s"), 1, false)),
        field("squeeze", "Adductor squeeze ratio, affected / unaffected (blank: not tested)",
          numberInput("squeeze", "/capabilities/squeeze_ratio", need(caps.squeeze_ratio, "squeeze_ratio"), 0.01, false)),
        field("lasts", "Pain after light activity lasts into the next day", h("select", { id: "lasts", dataset: { pointer: "/pain/lasts_next_day" } },
          h("option", { value: "", text: "not recorded" }), h("option", { value: "true", text: "yes" }), h("option", { value: "false", text: "no" }))),
        field("medication", "Taking pain medication for this injury", h("select", { id: "medication", dataset: { pointer: "/on_pain_medication" } },
          h("option", { value: "", text: "not recorded" }), h("option", { value: "true", text: "yes" }), h("option", { value: "false", text: "no" })))),
      h("div", { class: "check", dataset: { field: "therapist" } },
        h("input", { type: "checkbox", id: "therapist", dataset: { pointer: "/therapist_present" } }),
        h("label", { for: "therapist", text: "A therapist is present for the sessions (partner and therapist-resisted exercises)" }))),
    checklist("Positions the patient cannot tolerate", "/capabilities/positions", "position", kb.positions, false),
    checklist("Equipment the patient has", "/equipment", "equipment", kb.equipment, false));

  select.addEventListener("change", () => {
    const key = keyMovement.get(select.value);
    for (const row of container.querySelectorAll("tr[data-movement]")) {
      const isKey = row.dataset.movement === key;
      row.classList.toggle("key", isKey);
      row.querySelector(".key-badge").hidden = !isKey;
    }
    document.getElementById("key-movement").textContent =
      key ? `Key movement to test: ${(movementName.get(key) || key).toLowerCase()} (marked in the pain table).` : "";
  });
  form.addEventListener("reset", () => setTimeout(() => { search.dispatchEvent(new Event("input")); select.dispatchEvent(new Event("change")); clearDiagnostics(form); }));
}

const num = (id) => {
  const el = document.getElementById(id);
  return el.value === "" ? undefined : Number(el.value);
};
const text = (id) => document.getElementById(id).value || undefined;

// The profile as the form says it: only what was recorded ("not tested" is absent, never 0).
export function readProfile(form) {
  const p = { age: num("age"), condition: text("condition"), side: form.querySelector("input[name=side]:checked")?.value };
  if (num("days") !== undefined) p.days_since_onset = num("days");
  if (text("stage")) p.stage = text("stage");
  p.red_flags = [...form.querySelectorAll("input[name=red-flag]:checked")].map((c) => c.value);
  const pain = {};
  if (num("pain-rest") !== undefined) pain.rest = num("pain-rest");
  if (num("pain-walking") !== undefined) pain.walking = num("pain-walking");
  for (const kind of ["resisted", "stretch"])
    for (const s of form.querySelectorAll(`select[name=pain-${kind}]`))
      if (s.value !== "") (pain[kind] ||= {})[s.dataset.movement] = Number(s.value);
  if (text("lasts")) pain.lasts_next_day = text("lasts") === "true";
  if (Object.keys(pain).length) p.pain = pain;
  const caps = {};
  if (text("weight-bearing")) caps.weight_bearing = text("weight-bearing");
  if (num("stance") !== undefined) caps.single_leg_stance_s = num("stance");
  if (num("squeeze") !== undefined) caps.squeeze_ratio = num("squeeze");
  for (const c of form.querySelectorAll("input[name=position]:checked")) (caps.positions ||= {})[c.value] = false;
  if (Object.keys(caps).length) p.capabilities = caps;
  p.equipment = [...form.querySelectorAll("input[name=equipment]:checked")].map((c) => c.value);
  p.therapist_present = document.getElementById("therapist").checked;
  if (text("medication")) p.on_pain_medication = text("medication") === "true";
  for (const k of Object.keys(p)) if (p[k] === undefined) delete p[k];
  return p;
}

// The control a JSON pointer names: itself, or the nearest enclosing one ("/red_flags/2" -> the list).
function controlFor(form, pointer) {
  let ptr = pointer || "";
  while (ptr) {
    const el = form.querySelector(`[data-pointer="${CSS.escape(ptr)}"]`);
    if (el) return el;
    ptr = ptr.slice(0, Math.max(0, ptr.lastIndexOf("/")));
  }
  return null;
}

function labelOf(el) {
  if (el.tagName === "FIELDSET") return el.querySelector("legend").textContent;
  return document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent || el.id;
}

export function clearDiagnostics(form) {
  for (const e of form.querySelectorAll(".field-error")) e.remove();
  for (const el of form.querySelectorAll("[aria-invalid]")) {
    el.removeAttribute("aria-invalid");
    const ids = (el.getAttribute("aria-describedby") || "").split(" ").filter((x) => x && !x.startsWith("err-"));
    if (ids.length) el.setAttribute("aria-describedby", ids.join(" "));
    else el.removeAttribute("aria-describedby");
  }
  const summary = form.querySelector("#error-summary");
  summary.hidden = true;
  summary.replaceChildren();
}

// Each diagnostic next to its control (aria-invalid, aria-describedby) and in the summary, which
// takes the focus; a diagnostic with no control (or no pointer) is in the summary only.
export function showDiagnostics(form, diagnostics, heading) {
  clearDiagnostics(form);
  const summary = form.querySelector("#error-summary");
  const items = diagnostics.map((d, i) => {
    const words = `${d.message}${d.hint ? ` (${d.hint})` : ""}`;
    const el = controlFor(form, d.pointer);
    if (!el) return h("li", {}, `${d.code}${d.pointer ? ` at ${d.pointer}` : ""}: ${words}`);
    const target = el.tagName === "FIELDSET" ? el.querySelector("input") : el;
    const err = h("p", { class: "field-error", id: `err-${i}`, dataset: { code: d.code, pointer: d.pointer } }, `${d.code}: ${words}`);
    if (el.tagName === "FIELDSET") el.append(err);
    else (el.closest("[data-field]") || el.parentElement).append(err);
    target.setAttribute("aria-invalid", "true");
    target.setAttribute("aria-describedby", `${target.getAttribute("aria-describedby") || ""} err-${i}`.trim());
    return h("li", {}, h("a", { href: `#${target.id}`, onclick: (e) => { e.preventDefault(); target.focus(); } }, `${labelOf(el)}: ${words}`));
  });
  summary.append(h("h3", { text: heading }), h("ul", {}, items));
  summary.hidden = false;
  summary.focus();
}
