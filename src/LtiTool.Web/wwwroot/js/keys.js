// The tool keys page. Its actions are POSTs to the keys API with the session token in the Authorization
// header, which the tool requires for writes (the session cookie authorizes reads only). After a change the
// page is loaded again; a refusal shows its reason and the correlation id to quote to support.
document.addEventListener("DOMContentLoaded", () => {
  const root = document.getElementById("keys");
  const status = document.getElementById("status");
  if (!root || !status) return;
  const api = root.dataset.api;
  const token = document.querySelector('meta[name="lti-session-token"]')?.content;

  async function post(path, button, confirmText) {
    if (confirmText && !window.confirm(confirmText)) return;
    button.disabled = true;
    status.textContent = "Working…";
    try {
      const response = await fetch(api + path, { method: "POST", headers: { Authorization: `Bearer ${token}` } });
      const body = await response.json();
      if (!response.ok) {
        status.textContent = `${body.title}: ${body.detail} (${body.code}, correlation id ${body.correlationId})`;
        return;
      }
      if (body.warning) window.alert(body.warning);
      window.location.reload();
    } catch {
      status.textContent = "The tool could not be reached. Try again.";
    } finally {
      button.disabled = false;
    }
  }

  document.getElementById("publish-next")?.addEventListener("click", (e) => post("/next", e.currentTarget));
  document.getElementById("rotate")?.addEventListener("click", (e) =>
    post("/rotate", e.currentTarget,
      "Rotate now? The next key signs from now on. If it was published less than 5 minutes ago, platforms that cached the key list may not know it yet."));
  root.querySelectorAll("button.retire").forEach((button) =>
    button.addEventListener("click", () => {
      const kid = button.closest("tr").dataset.kid;
      post(`/${encodeURIComponent(kid)}/retire`, button, `Retire key ${kid}? It stays published for the grace period, then it is removed.`);
    }));
});
