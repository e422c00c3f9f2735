// Grading on the review page: each "Save grade" PUTs the score (or rubric points) and comment; "Release
// grades" queues the released grades for the LMS. Writes carry the session token as a bearer header.
document.addEventListener("DOMContentLoaded", () => {
  const root = document.getElementById("review");
  if (!root) return;
  const api = root.dataset.api;
  const token = document.querySelector('meta[name="lti-session-token"]')?.content;
  const status = document.getElementById("status");
  const say = (text) => { if (status) status.textContent = text; };

  async function call(method, path, body) {
    const response = await fetch(api + path, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(`${json.title}: ${(json.problems || []).join(" ") || json.detail} (${json.code}, correlation id ${json.correlationId})`);
    return json;
  }

  root.querySelectorAll("button.grade-save").forEach((button) => button.addEventListener("click", async () => {
    const row = button.closest("tr");
    const rubricInputs = row.querySelectorAll("input.rubric");
    const body = { comment: row.querySelector("input.comment")?.value ?? null };
    if (rubricInputs.length > 0) {
      body.rubric = {};
      rubricInputs.forEach((input) => { body.rubric[input.dataset.criterion] = Number(input.value); });
    } else {
      body.score = Number(row.querySelector("input.score").value);
    }
    try {
      const result = await call("PUT", `/submissions/${row.dataset.submission}/grade`, body);
      say(`Saved: ${result.score}. Release grades to send them to the LMS.`);
    } catch (e) {
      say(e instanceof Error ? e.message : "The tool could not be reached.");
    }
  }));

  document.getElementById("release")?.addEventListener("click", async (event) => {
    try {
      const result = await call("POST", `/activities/${event.target.dataset.activity}/release`);
      say(`${result.released} grades released, ${result.queued} queued for the LMS.`);
      setTimeout(() => location.reload(), 1500);
    } catch (e) {
      say(e instanceof Error ? e.message : "The tool could not be reached.");
    }
  });
});
