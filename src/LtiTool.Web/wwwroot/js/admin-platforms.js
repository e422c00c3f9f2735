// Admin → Platforms: every change is a call to /api/admin/platforms with the session token as a bearer
// header (the cookie authorizes reads only). Refusals list each field's problem and the correlation id.
document.addEventListener("DOMContentLoaded", () => {
  const token = document.querySelector('meta[name="lti-session-token"]')?.content;
  const status = document.getElementById("status");
  const api = "/api/admin/platforms";

  async function call(method, path, body) {
    const response = await fetch(api + path, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    const json = text ? JSON.parse(text) : {};
    if (!response.ok) {
      const fields = (json.errors || []).map((e) => `${e.field}: ${e.message}`).join(" ");
      throw new Error(`${json.title}. ${fields || json.detail} (${json.code}, correlation id ${json.correlationId})`);
    }
    return json;
  }

  async function run(action, reload = true) {
    try {
      const result = await action();
      if (reload) location.reload();
      return result;
    } catch (e) {
      status.textContent = e instanceof Error ? e.message : "The tool could not be reached.";
      return null;
    }
  }

  const deploymentsOf = (form) => (form.get("deploymentId") ? [form.get("deploymentId")] : []);

  document.getElementById("add-canvas")?.addEventListener("submit", (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    run(() => call("POST", "/canvas", { clientId: form.get("clientId"), environment: form.get("environment"), deploymentIds: deploymentsOf(form) }));
  });

  document.getElementById("add-platform")?.addEventListener("submit", (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    run(() => call("POST", "", {
      name: form.get("name"), issuer: form.get("issuer"), clientId: form.get("clientId"),
      authorizationEndpoint: form.get("authorizationEndpoint"), jwksUri: form.get("jwksUri"),
      tokenEndpoint: form.get("tokenEndpoint") || null, deploymentIds: deploymentsOf(form),
    }));
  });

  document.querySelectorAll("article.platform").forEach((article) => {
    const id = article.dataset.platform;
    article.querySelector("button.toggle")?.addEventListener("click", (e) =>
      run(() => call("POST", `/${id}/enabled`, { enabled: e.target.dataset.enabled !== "true" })));
    article.querySelector("button.delete")?.addEventListener("click", () => {
      if (confirm("Delete this registration?")) run(() => call("DELETE", `/${id}`));
    });
    article.querySelector("select.policy")?.addEventListener("change", (e) => run(() => call("PUT", `/${id}/deployment-policy`, { policy: e.target.value })));
    article.querySelector("select.unbound-launches")?.addEventListener("change", (e) => run(() => call("PUT", `/${id}/browser-binding`, { unboundLaunches: e.target.value })));
    article.querySelector("select.platform-storage")?.addEventListener("change", (e) => run(() => call("PUT", `/${id}/browser-binding`, { platformStorage: e.target.value })));
    article.querySelectorAll("tr[data-deployment]").forEach((row) => {
      const deployment = encodeURIComponent(row.dataset.deployment);
      row.querySelector("button.approve")?.addEventListener("click", () => run(() => call("POST", `/${id}/deployments/${deployment}/approve`)));
      row.querySelector("button.reject")?.addEventListener("click", () => run(() => call("POST", `/${id}/deployments/${deployment}/reject`)));
    });
    article.querySelector("button.test")?.addEventListener("click", async () => {
      status.textContent = "Testing…";
      const result = await run(() => call("POST", `/${id}/test`), false);
      if (!result) return;
      const list = article.querySelector(".test-result");
      list.replaceChildren(...result.steps.map((step) => {
        const item = document.createElement("li");
        item.className = step.ok ? "ok" : "failed";
        item.textContent = `${step.ok ? "✓" : "✗"} ${step.name}: ${step.detail}`;
        return item;
      }));
      list.hidden = false;
      status.textContent = result.passed ? "Every step passed." : "Some steps failed.";
    });
  });
});
