// The programme as the clinician reads it: a referral (role=alert, no exercises), or the stage and
// why, irritability, each exercise with its dose and reasons, the unmet next-stage criteria, and a
// "why not" for every excluded or not-chosen exercise (its reasons, then /v1/explain when opened).
import { explain } from "./api.js";
import { h } from "./dom.js";

export function doseText(d) {
  if (!d) return "";
  const parts = [];
  let main = `${d.sets} set${d.sets === 1 ? "" : "s"}`;
  if (d.reps) main += ` × ${d.reps} rep${d.reps === 1 ? "" : "s"}`;
  if (d.hold_s) main += `${d.reps ? ", hold" : " × hold"} ${d.hold_s} s`;
  if (d.duration_min) main += ` × ${d.duration_min} min`;
  parts.push(main + (d.per_side ? " each side" : ""));
  if (d.reps_range) parts.push(`progress reps ${d.reps_range[0]}-${d.reps_range[1]}`);
  if (d.hold_range) parts.push(`progress hold ${d.hold_range[0]}-${d.hold_range[1]} s`);
  if (d.band) parts.push(`${d.band.name} band`);
  if (d.tempo) parts.push(`tempo ${d.tempo}`);
  if (d.rest_s) parts.push(`rest ${d.rest_s} s`);
  if (d.sessions_per_week) parts.push(`${d.sessions_per_week} sessions a week`);
  return parts.join("; ");
}

const reasons = (why) => h("ul", { class: "why" }, (why || []).map((w) =>
  h("li", {}, w.rationale || w.rule, h("span", { class: "rule", text: ` [${w.rule}]` }))));

function referral(prog) {
  const r = prog.referral;
  return h("section", { class: "referral", role: "alert", "aria-labelledby": "referral-title" },
    h("h3", { id: "referral-title", text: `Refer (${r.urgency}): do not start or continue the programme` }),
    h("ul", {}, r.reasons.map((x) => h("li", { dataset: { redFlag: x.red_flag } },
      h("strong", { text: x.name }), ` ${x.concern} `, h("span", { class: "advice", text: x.advice })))),
    h("p", { text: "No exercises are suggested until the patient has been seen." }));
}

function stage(prog) {
  const s = prog.stage;
  const unmet = s.unmet || [];
  return h("section", { class: "stage", "aria-labelledby": "stage-title" },
    h("h3", { id: "stage-title" }, "Stage: ", h("span", { id: "stage-value", text: s.value }),
      `; irritability: `, h("span", { id: "irritability", text: prog.irritability || "not rated" }),
      prog.pain_ceiling !== undefined ? `; pain during exercise up to ${prog.pain_ceiling}/10` : ""),
    h("p", {}, s.rationale, h("span", { class: "rule", text: ` [${s.source}]` })),
    s.basis && s.basis.length ? reasons(s.basis) : null,
    s.next_stage ? h("div", { class: "unmet" },
      h("h4", { text: unmet.length ? `Not yet met for ${s.next_stage} stage` : `Criteria for ${s.next_stage} stage: none unmet` }),
      unmet.length ? h("table", { id: "unmet" },
        h("thead", {}, h("tr", {}, ["Criterion", "Now", "Needs"].map((t) => h("th", { scope: "col", text: t })))),
        h("tbody", {}, unmet.map((u) => h("tr", {}, h("td", { text: u.label }),
          h("td", { text: u.observed === undefined || u.observed === null ? "not recorded" : u.observed === true ? "yes" : u.observed === false ? "no" : String(u.observed) }),
          h("td", { text: u.needs }))))) : null) : null);
}

function exercise(ex) {
  return h("li", { class: "exercise", dataset: { exerciseId: ex.id } },
    h("h4", {}, ex.name, h("span", { class: "detail", text: ` (${ex.component}${ex.side ? `, ${ex.side}` : ""})` })),
    h("p", { class: "dose", text: doseText(ex.dose) }),
    ex.purpose ? h("p", { text: ex.purpose }) : null,
    (ex.precautions || []).length ? h("p", { class: "care", text: `Care: ${ex.precautions.join(" ")}` }) : null,
    h("details", {}, h("summary", {}, `Why ${ex.name}?`), reasons(ex.why)));
}

// A "why not" whose explanation is asked for the first time it is opened.
function whyNot(profile, item, own) {
  const body = h("div", { class: "explain", "aria-live": "polite" });
  const det = h("details", { class: "why-not", dataset: { exerciseId: item.id } },
    h("summary", {}, `Why not ${item.name || item.id}?`), own, body);
  det.addEventListener("toggle", async () => {
    if (!det.open || det.dataset.loaded) return;
    det.dataset.loaded = "loading";
    body.replaceChildren(h("p", { text: "Asking the service…" }));
    try {
      const x = await explain(profile, item.id);
      const change = (x.smallest_change || []).map((c) => c.words).filter(Boolean);
      body.replaceChildren(h("pre", { class: "explain-text", text: x.text }));
      if (x.change_possible && change.length)
        body.append(h("p", { class: "change" }, h("strong", { text: "Smallest change that would allow it: " }), change.join("; ")));
      det.dataset.loaded = "true";
    } catch (e) {
      body.replaceChildren(h("p", { class: "field-error", text: `The explanation could not be had: ${e.message}` }));
      delete det.dataset.loaded;
    }
  });
  return det;
}

export function renderProgramme(target, prog, profile, exerciseNames = new Map()) {
  const parts = [];
  if (prog.referral) {
    parts.push(referral(prog));
  } else {
    parts.push(stage(prog));
    if ((prog.warnings || []).length)
      parts.push(h("section", { class: "warnings", "aria-labelledby": "warnings-title" }, h("h3", { id: "warnings-title", text: "To check" }),
        h("ul", {}, prog.warnings.map((w) => h("li", { text: w.text })))));
    parts.push(h("section", { "aria-labelledby": "exercises-title" },
      h("h3", { id: "exercises-title", text: `Exercises (${prog.exercises.length})` }),
      h("ol", { id: "exercises", class: "exercises" }, prog.exercises.map(exercise))));
    const names = new Map([...exerciseNames, ...(prog.excluded || []).map((x) => [x.id, x.name])]);
    const excluded = (prog.excluded || []).map((x) => whyNot(profile, x, h("div", {}, h("p", { text: "Excluded:" }), reasons(x.why))));
    const notChosen = (prog.not_chosen || []).map((x) => whyNot(profile, { id: x.id, name: names.get(x.id) || x.id },
      h("p", { text: `Not chosen (score ${x.score}): ${x.reason}` })));
    parts.push(h("section", { "aria-labelledby": "why-not-title", id: "why-not" },
      h("h3", { id: "why-not-title", text: "Why not the others?" }),
      h("h4", { text: `Excluded (${excluded.length})` }), h("div", { id: "excluded" }, excluded),
      h("h4", { text: `Allowed but not chosen (${notChosen.length})` }), h("div", { id: "not-chosen" }, notChosen)));
  }
  parts.push(h("p", { class: "disclaimer", text: prog.disclaimer }));
  target.replaceChildren(...parts);
}
