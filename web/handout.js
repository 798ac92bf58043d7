// The handout viewer (handout.html): asks its opener for the profile, POSTs it to
// /v1/recommend?view=html, replaces this document with the service's handout (its scripts dropped)
// and opens the print dialog.
const status = document.getElementById("handout-status");

function fail(text) {
  status.textContent = text;
  document.title = "The handout could not be made";
}

async function show(profile) {
  const res = await fetch("/v1/recommend?view=html", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(profile),
  });
  if (!res.ok) return fail(`The service answered ${res.status}: the handout could not be made.`);
  const html = await res.text();
  const doc = new DOMParser().parseFromString(html, "text/html");
  for (const s of doc.querySelectorAll("script")) s.remove();
  document.replaceChild(document.adoptNode(doc.documentElement), document.documentElement);
  document.documentElement.dataset.handoutReady = "true";
  // The print dialog for a person; a browser under automation (the tests) keeps the tab as it is.
  if (!navigator.webdriver) setTimeout(() => window.print(), 100);
}

window.addEventListener("message", (event) => {
  if (event.origin !== location.origin || event.source !== window.opener) return;
  if (event.data && event.data.type === "rehab-handout-profile") show(event.data.profile).catch((e) => fail(String(e)));
});

if (!window.opener) fail("Open the handout from the clinician's page (the Print the patient handout button).");
else window.opener.postMessage({ type: "rehab-handout-ready" }, location.origin);
