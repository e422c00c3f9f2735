// The People page. The role filter submits itself when a role is chosen (requestSubmit, so the submit listeners
// run: frame.js adds the session where the browser keeps no cookie). "Refresh now": the sync is a POST, which the
// tool accepts only with the session token in the Authorization header (the session cookie authorizes reads only).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelector("form.filter select[name=role]")?.addEventListener("change", (event) => event.target.form.requestSubmit());
  const button = document.getElementById("refresh-roster");
  if (!button) return;
  const token = document.querySelector('meta[name="lti-session-token"]')?.content;
  const result = document.getElementById("refresh-result");
  button.addEventListener("click", async () => {
    button.disabled = true;
    result.textContent = "Reading the roster from the platform…";
    try {
      const response = await fetch(button.dataset.url, { method: "POST", headers: { Authorization: `Bearer ${token}` } });
      const body = await response.json();
      if (response.ok) {
        result.textContent = `${body.members} people, ${body.added} new, ${body.left} left.`;
        window.location.reload();
      } else {
        result.textContent = `${body.title}: ${body.detail} (${body.code}, correlation id ${body.correlationId})`;
      }
    } catch {
      result.textContent = "The tool could not be reached. Try again.";
    } finally {
      button.disabled = false;
    }
  });
});
