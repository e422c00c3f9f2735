// A student's submission from the assignment page: a POST with the session token in the Authorization header
// (the session cookie authorizes reads only). The page reloads its state from the tool afterwards.
document.addEventListener("DOMContentLoaded", () => {
  const section = document.getElementById("activity");
  const form = document.getElementById("submit-work");
  if (!section || !form) return;
  const token = document.querySelector('meta[name="lti-session-token"]')?.content;
  const result = document.getElementById("submit-result");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const body = {};
    if (section.dataset.kind === "Text") body.text = data.get("text");
    if (section.dataset.kind === "Url") body.url = data.get("url");
    if (section.dataset.kind === "Quiz") {
      body.answers = {};
      form.querySelectorAll("fieldset.question").forEach((fieldset) => {
        const chosen = fieldset.querySelector("input:checked");
        if (chosen) body.answers[fieldset.dataset.question] = Number(chosen.value);
      });
    }
    const button = form.querySelector("button");
    button.disabled = true;
    result.textContent = "Submitting…";
    try {
      const response = await fetch(`${section.dataset.api}/submissions`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      const json = await response.json();
      if (response.ok) {
        result.textContent = json.score != null ? `Submitted. Score: ${json.score}.` : "Submitted.";
        const mine = await fetch(`${section.dataset.api}/submissions/mine`, { headers: { Authorization: `Bearer ${token}` } });
        if (mine.ok) {
          const state = await mine.json();
          section.querySelector(".submission-state").textContent =
            `Attempt ${state.attempt} submitted${state.late ? " (late)" : ""}. ${state.score != null ? `Grade: ${state.score}` : "Waiting for your instructor to grade it."}`;
        }
      } else {
        result.textContent = `${json.title}: ${(json.problems || []).join(" ") || json.detail} (${json.code}, correlation id ${json.correlationId})`;
      }
    } catch {
      result.textContent = "The tool could not be reached. Your answer is still here; try again.";
    } finally {
      button.disabled = false;
    }
  });
});
