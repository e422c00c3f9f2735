// The deep linking picker: the tool signs the answer (POST /api/deep-linking/response with the session token),
// then the page posts it to the platform's return URL in a form, as Deep Linking 2.0 asks (field "JWT").
document.addEventListener("DOMContentLoaded", () => {
  const picker = document.getElementById("picker");
  if (!picker) return;
  const token = document.querySelector('meta[name="lti-session-token"]')?.content;
  const status = document.getElementById("pick-status");

  async function answer(body) {
    status.textContent = "Sending your choice to the LMS…";
    try {
      const response = await fetch("/api/deep-linking/response", {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      const json = await response.json();
      if (!response.ok) {
        status.textContent = `${json.title}: ${json.detail} (${json.code}, correlation id ${json.correlationId})`;
        return;
      }
      const form = document.createElement("form");
      form.method = "POST";
      form.action = json.returnUrl;
      const field = document.createElement("input");
      field.type = "hidden";
      field.name = "JWT";
      field.value = json.jwt;
      form.append(field);
      document.body.append(form);
      form.submit();
    } catch {
      status.textContent = "The tool could not be reached. Try again.";
    }
  }

  document.getElementById("pick")?.addEventListener("submit", (event) => {
    event.preventDefault();
    const chosen = [...event.target.querySelectorAll('input[name="activity"]:checked')].map((input) => input.value);
    if (chosen.length === 0) {
      status.textContent = "Choose an activity first.";
      return;
    }
    answer({ activityIds: chosen, cancel: false });
  });
  document.getElementById("pick-cancel")?.addEventListener("click", () => answer({ activityIds: [], cancel: true }));
});
