// The service's API as the page uses it: the knowledge lists, the profile schema (from the OpenAPI
// document), /v1/recommend and /v1/explain. A non-2xx answer throws an ApiError with its diagnostics.
export class ApiError extends Error {
  constructor(status, body) {
    const first = body && Array.isArray(body.error) && body.error[0];
    super(first ? first.message : `the service answered ${status}`);
    this.status = status;
    this.diagnostics = (body && Array.isArray(body.error)) ? body.error : [];
  }
}

async function call(method, url, body) {
  const init = { method, headers: { Accept: "application/json" } };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const res = await fetch(url, init);
  const text = await res.text();
  let doc = null;
  try {
    doc = JSON.parse(text);
  } catch {
    doc = null;
  }
  if (!res.ok) throw new ApiError(res.status, doc);
  if (doc === null) throw new ApiError(res.status, null);
  return { doc, text };
}

export const knowledge = async () => (await call("GET", "/v1/knowledge")).doc;
export const openapi = async () => (await call("GET", "/v1/openapi.json")).doc;
// The programme and its text exactly as the service wrote it (the download is those bytes).
export const recommend = (profile) => call("POST", "/v1/recommend?view=full", profile);
export const explain = async (profile, exercise) => (await call("POST", "/v1/explain", { profile, exercise })).doc;
