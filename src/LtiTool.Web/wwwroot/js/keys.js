// The tool keys page. Publish, rotate and retire are POSTs to the keys API; revoke posts the page's own form.
// Both carry the session token in the Authorization header, which the tool requires for writes (the session
// cookie authorizes reads only). After an API change the page is loaded again; a refusal shows its reason and
// the correlation id to quote to support. The revoke form's answer is the page itself (the keys, a notice, or
// the confirmation field's message), whose key list replaces this one.
document.addEventListener("DOMContentLoaded", () => {
  const token = document.querySelector('meta[name="lti-session-token"]')?.content;

  function bind(root) {
    const status = document.getElementById("status");
    const api = root.dataset.api;

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

    async function revoke(form) {
      const button = form.querySelector("button[type=submit]");
      button.disabled = true;
      if (status) status.textContent = "Working…";
      try {
        const response = await fetch(form.action, {
          method: "POST",
          headers: { Authorization: `Bearer ${token}` },
          body: new URLSearchParams(new FormData(form)),
        });
        const answer = new DOMParser().parseFromString(await response.text(), "text/html");
        const fresh = answer.getElementById("keys");
        if (!fresh) {
          // An error page (401, 403, 500): its text and correlation id.
          const text = answer.querySelector("main")?.textContent.replace(/\s+/g, " ").trim();
          if (status) status.textContent = text || `The tool answered ${response.status}.`;
          return;
        }
        root.replaceWith(fresh);
        bind(fresh);
        (fresh.querySelector("[aria-invalid=true]") || fresh.querySelector(".revoked-notice, .revoke-error"))?.focus?.();
      } catch {
        if (status) status.textContent = "The tool could not be reached. Try again.";
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
    root.querySelectorAll("form.revoke-form").forEach((form) =>
      form.addEventListener("submit", (e) => {
        e.preventDefault();
        revoke(form);
      }));
  }

  const root = document.getElementById("keys");
  if (root && document.getElementById("status")) bind(root);
});
