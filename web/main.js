// The page's start: load the knowledge lists and the profile schema, build the form, and wire the
// submit (POST /v1/recommend, full view), the handout (a viewer tab fed by postMessage) and downloads.
import * as api from "./api.js";
import { download } from "./dom.js";
import { buildForm, clearDiagnostics, readProfile, showDiagnostics } from "./form.js";
import { renderProgramme } from "./results.js";

const $ = (id) => document.getElementById(id);
const form = $("profile-form");
let last = null; // { profile, programme } of the programme shown

function setStatus(text, isError) {
  const s = $("load-status");
  s.textContent = text;
  s.classList.toggle("error", Boolean(isError));
  s.hidden = !text;
}

async function submit(event) {
  event.preventDefault();
  const profile = readProfile(form);
  $("submit").disabled = true;
  setStatus("Asking the service…");
  try {
    const { doc: programme, text } = await api.recommend(profile);
    clearDiagnostics(form);
    last = { profile, programme, text };
    renderProgramme($("results-body"), programme, profile, exerciseNames);
    $("results").hidden = false;
    setStatus("");
    document.body.dataset.state = programme.referral ? "referral" : "programme";
    $("results-title").focus();
  } catch (e) {
    $("results").hidden = true; // never an earlier programme beside the error
    last = null;
    if (e instanceof api.ApiError && e.status === 400) {
      showDiagnostics(form, e.diagnostics, `The service could not use this profile (${e.diagnostics.length} problem${e.diagnostics.length === 1 ? "" : "s"})`);
      setStatus("");
      document.body.dataset.state = "invalid";
    } else {
      const why = e instanceof api.ApiError && e.status === 401 ? " (the service needs authentication: use it behind the clinic's proxy)" : "";
      setStatus(`The programme could not be had: ${e.message}${why}`, true);
      document.body.dataset.state = "error";
    }
  } finally {
    $("submit").disabled = false;
  }
}

function printHandout() {
  if (!last) return;
  const profile = last.profile;
  const viewer = window.open("/app/handout.html", "_blank");
  if (!viewer) return setStatus("The handout tab was blocked: allow pop-ups for this page.", true);
  const onMessage = (event) => {
    if (event.origin !== location.origin || event.source !== viewer || event.data?.type !== "rehab-handout-ready") return;
    window.removeEventListener("message", onMessage);
    viewer.postMessage({ type: "rehab-handout-profile", profile }, location.origin);
  };
  window.addEventListener("message", onMessage);
}

let exerciseNames = new Map();

async function start() {
  try {
    const [kb, openapi] = await Promise.all([api.knowledge(), api.openapi()]);
    exerciseNames = new Map(kb.exercises.map((x) => [x.id, x.name]));
    buildForm(form, $("form-fields"), kb, openapi);
    $("data-version").textContent = `Knowledge ${kb.knowledge.version} (${kb.knowledge.hash}).`;
    form.hidden = false;
    setStatus("");
    document.body.dataset.ready = "true";
  } catch (e) {
    setStatus(`The page could not load the knowledge base: ${e.message}`, true);
    return;
  }
  form.addEventListener("submit", submit);
  $("print-handout").addEventListener("click", printHandout);
  $("download-profile").addEventListener("click", () => download("profile.json", JSON.stringify(readProfile(form), null, 2) + "\n"));
  $("download-programme").addEventListener("click", () => last && download("programme.json", last.text));
  form.addEventListener("reset", () => { $("results").hidden = true; last = null; });
}

start();
