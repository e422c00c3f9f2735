// The activities page. The list is rendered by the server; creating, changing and deleting an activity are
// calls to the activities API with the session token in the Authorization header, which the tool requires
// for writes (the session cookie authorizes reads only). A refused save lists each field's problem, marks
// the field, and shows the correlation id to quote to support.
document.addEventListener("DOMContentLoaded", () => {
  const root = document.getElementById("activities");
  if (!root) return;
  const api = root.dataset.api;
  const token = document.querySelector('meta[name="lti-session-token"]')?.content;
  const status = document.getElementById("status");
  const form = document.getElementById("activity-form");
  const heading = document.getElementById("editor-heading");
  const errors = document.getElementById("form-errors");
  const criteria = form.querySelector("#rubric ol");
  const questions = form.querySelector("#quiz ol");
  const input = (id) => document.getElementById(id);
  let editing = null;

  class Problem extends Error {
    constructor(json) {
      super(`${json.title ?? "The tool refused"}: ${json.detail ?? ""} (${json.code ?? "no code"}, correlation id ${json.correlationId ?? "none"})`);
      this.json = json;
    }
  }

  async function call(method, path, body) {
    const response = await fetch(api + path, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    let json = {};
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = { title: `HTTP ${response.status}` };
    }
    if (!response.ok) throw new Problem(json);
    return json;
  }

  const number = (value) => (value.trim() === "" ? null : Number(value));
  const pad = (n) => String(n).padStart(2, "0");
  const localInput = (iso) => {
    const d = new Date(iso);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  };

  // Due dates are rendered in UTC; show them in the reader's own time.
  root.querySelectorAll("td.due time").forEach((time) => {
    time.textContent = new Date(time.dateTime).toLocaleString();
  });

  function addRow(list, templateId, values) {
    const item = document.getElementById(templateId).content.firstElementChild.cloneNode(true);
    item.dataset.id = values?.id ?? "";
    for (const [name, value] of Object.entries(values ?? {})) {
      const field = item.querySelector(`[name="${name}"]`);
      if (field) field.value = value ?? "";
    }
    item.querySelector("button.remove").addEventListener("click", () => item.remove());
    list.append(item);
    return item;
  }

  const addCriterion = (c) => addRow(criteria, "criterion-template", c && { id: c.id, description: c.description, points: c.points });
  const addQuestion = (q) =>
    addRow(questions, "question-template", q && {
      id: q.id, text: q.text, options: q.options.join("\n"), correct: q.correct === undefined ? "" : q.correct + 1, points: q.points,
    });

  function showKind() {
    input("quiz").hidden = input("activity-kind").value !== "Quiz";
  }

  function clearErrors() {
    errors.hidden = true;
    errors.replaceChildren();
    form.querySelectorAll("[aria-invalid]").forEach((field) => field.removeAttribute("aria-invalid"));
  }

  function open(activity) {
    clearErrors();
    editing = activity?.id ?? null;
    heading.textContent = activity ? `Edit ${activity.title}` : "New activity";
    input("activity-title").value = activity?.title ?? "";
    input("activity-instructions").value = activity?.instructionsHtml ?? "";
    input("activity-points").value = activity?.pointsPossible ?? 10;
    input("activity-due").value = activity?.dueAt ? localInput(activity.dueAt) : "";
    input("activity-kind").value = activity?.submissionKind ?? "Text";
    input("activity-resubmission").value = activity?.resubmission ?? "UntilDue";
    input("activity-late").checked = activity?.allowLate ?? true;
    criteria.replaceChildren();
    questions.replaceChildren();
    (activity?.rubric ?? []).forEach(addCriterion);
    (activity?.quiz ?? []).forEach(addQuestion);
    showKind();
    form.hidden = false;
    input("activity-title").focus();
  }

  function body() {
    const kind = input("activity-kind").value;
    const due = input("activity-due").value;
    const part = (item, name) => item.querySelector(`[name="${name}"]`).value;
    return {
      title: input("activity-title").value,
      instructionsHtml: input("activity-instructions").value,
      pointsPossible: number(input("activity-points").value),
      dueAt: due ? new Date(due).toISOString() : null,
      submissionKind: kind,
      resubmission: input("activity-resubmission").value,
      allowLate: input("activity-late").checked,
      rubric: [...criteria.children].map((item) => ({
        id: item.dataset.id || null, description: part(item, "description"), points: number(part(item, "points")),
      })),
      quiz: kind !== "Quiz" ? null : [...questions.children].map((item) => {
        const correct = number(part(item, "correct"));
        return {
          id: item.dataset.id || null,
          text: part(item, "text"),
          options: part(item, "options").split("\n").map((o) => o.trim()).filter((o) => o !== ""),
          correct: correct === null ? null : correct - 1,
          points: number(part(item, "points")),
        };
      }),
    };
  }

  // "quiz[1].options" is the options box of the second question; "title" the title box.
  function fieldOf(name) {
    const row = /^(rubric|quiz)\[(\d+)\](?:\.(\w+))?$/.exec(name);
    if (!row) return form.querySelector(`[name="${name}"]`) ?? (name === "quiz" ? input("quiz") : name === "rubric" ? input("rubric") : null);
    const item = (row[1] === "quiz" ? questions : criteria).children[Number(row[2])];
    return row[3] && item ? item.querySelector(`[name="${row[3]}"]`) ?? item : item;
  }

  function labelOf(name) {
    const row = /^(rubric|quiz)\[(\d+)\](?:\.(\w+))?$/.exec(name);
    if (!row) return name;
    const part = row[3] === "correct" ? "correct option" : row[3] ?? "";
    return `${row[1] === "quiz" ? "Question" : "Criterion"} ${Number(row[2]) + 1} ${part}`.trim();
  }

  function showProblem(problem) {
    const json = problem.json;
    const summary = document.createElement("p");
    summary.textContent = `${json.title ?? "Not saved"}. ${json.detail ?? ""}`;
    const list = document.createElement("ul");
    for (const error of json.errors ?? []) {
      const item = document.createElement("li");
      item.textContent = `${labelOf(error.field)}: ${error.message}`;
      list.append(item);
      fieldOf(error.field)?.setAttribute("aria-invalid", "true");
    }
    const correlation = document.createElement("p");
    correlation.className = "correlation";
    correlation.textContent = `Code ${json.code ?? "none"}, correlation id ${json.correlationId ?? "none"}.`;
    errors.replaceChildren(summary, ...(list.children.length ? [list] : []), correlation);
    errors.hidden = false;
    errors.focus();
  }

  async function run(message, action) {
    status.textContent = message;
    try {
      status.textContent = (await action()) || "Done.";
    } catch (e) {
      if (e instanceof Problem && !form.hidden && e.json.errors) {
        status.textContent = "Not saved: see the problems listed in the form.";
        showProblem(e);
      } else {
        status.textContent = e instanceof Error ? e.message : "The tool could not be reached. Try again.";
      }
    }
  }

  input("new-activity").addEventListener("click", () => open(null));
  input("cancel-edit").addEventListener("click", () => {
    form.hidden = true;
    clearErrors();
  });
  input("activity-kind").addEventListener("change", showKind);
  input("add-criterion").addEventListener("click", () => addCriterion().querySelector("input").focus());
  input("add-question").addEventListener("click", () => addQuestion().querySelector("textarea").focus());

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearErrors();
    run("Saving…", async () => {
      const saved = editing ? await call("PUT", `/${editing}`, body()) : await call("POST", "", body());
      location.reload();
      return `Saved ${saved.title}.`;
    });
  });

  root.querySelectorAll("tr[data-activity]").forEach((row) => {
    const id = row.dataset.activity;
    row.querySelector("button.edit")?.addEventListener("click", () =>
      run("Opening…", async () => {
        open(await call("GET", `/${id}`));
        return "Editing.";
      }));
    row.querySelector("button.delete")?.addEventListener("click", () => {
      const title = row.querySelector(".title").textContent;
      if (!confirm(`Delete the activity "${title}"?`)) return;
      run("Deleting…", async () => {
        await call("DELETE", `/${id}`);
        row.remove();
        return `Deleted ${title}.`;
      });
    });
  });
});
