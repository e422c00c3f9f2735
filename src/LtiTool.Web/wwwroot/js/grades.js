// The grade entry page. Reads are rendered by the server; every write (save, push, columns, retry) is a
// call to the gradebook API with the session token in the Authorization header, which the tool requires
// for writes (the session cookie authorizes reads only). Errors show the tool's reason and correlation id.
document.addEventListener("DOMContentLoaded", () => {
  const root = document.getElementById("gradebook");
  if (!root) return;
  const api = root.dataset.api;
  const token = document.querySelector('meta[name="lti-session-token"]')?.content;
  const status = document.getElementById("status");

  async function call(method, path, body) {
    const response = await fetch(api + path, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    const json = text ? JSON.parse(text) : {};
    if (!response.ok) {
      const cells = (json.invalid || []).map((c) => c.reason).join(" ");
      throw new Error(`${json.title}: ${json.detail} ${cells} (${json.code}, correlation id ${json.correlationId})`);
    }
    return json;
  }

  async function run(message, action) {
    status.textContent = message;
    try {
      status.textContent = (await action()) || "Done.";
    } catch (e) {
      status.textContent = e instanceof Error ? e.message : "The tool could not be reached. Try again.";
    }
  }

  function gradesOf(column) {
    return [...document.querySelectorAll(`td.cell[data-column="${column}"]`)].map((cell) => ({
      userId: cell.parentElement.dataset.user,
      value: cell.querySelector("input.grade").value,
      comment: cell.querySelector("input.comment").value,
    }));
  }

  document.getElementById("sync-columns")?.addEventListener("click", () =>
    run("Reading the gradebook columns from the LMS…", async () => {
      await call("POST", "/line-items/sync");
      location.reload();
    }));

  document.getElementById("add-column")?.addEventListener("submit", (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    run("Adding the column…", async () => {
      await call("POST", "/line-items", {
        label: form.get("label"), scoreMaximum: Number(form.get("scoreMaximum")), scheme: form.get("scheme"),
      });
      location.reload();
    });
  });

  root.querySelectorAll("th.column").forEach((header) => {
    const column = header.dataset.column;
    header.querySelector("button.save")?.addEventListener("click", () =>
      run("Saving…", async () => `${(await call("PUT", `/line-items/${column}/grades`, { grades: gradesOf(column) })).saved} changes saved.`));
    header.querySelector("button.push")?.addEventListener("click", () =>
      run("Saving and queueing for the LMS…", async () => {
        await call("PUT", `/line-items/${column}/grades`, { grades: gradesOf(column) });
        const pushed = await call("POST", `/line-items/${column}/push`);
        setTimeout(() => location.reload(), 1500);
        return `${pushed.queued} grades queued; they are delivered in the background.`;
      }));
    header.querySelector("button.compare")?.addEventListener("click", () =>
      run("Reading the LMS's results…", async () => {
        const result = await call("GET", `/line-items/${column}/results`);
        const section = document.getElementById("comparison");
        const body = section.querySelector("tbody");
        body.replaceChildren(...result.rows.map((row) => {
          const tr = document.createElement("tr");
          if (row.differs) tr.className = "differs";
          for (const text of [row.name ?? row.platformUserId, row.toolDisplay ?? "—", row.platformDisplay ?? "—", row.differs ? "differs" : ""]) {
            const td = document.createElement("td");
            td.textContent = text;
            tr.append(td);
          }
          return tr;
        }));
        section.hidden = false;
        return `${result.differences} differences with the LMS.`;
      }));
  });

  root.querySelectorAll("button.retry").forEach((button) =>
    button.addEventListener("click", () =>
      run("Retrying…", async () => {
        await call("POST", `/outbox/${button.dataset.row}/retry`);
        setTimeout(() => location.reload(), 1000);
        return "Queued again.";
      })));
});
