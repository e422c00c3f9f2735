// The launch's browser binding inside the LMS frame, when the browser may drop the tool's cookies there.
//  - login page (data-mode="put"): ask the tool whether the binding cookie came back; if not, store the binding
//    secret in the platform's window (platform storage: the 1EdTech LTI Client Side postMessages, Canvas's
//    lti.put_data); if that is not possible either, offer the tool in a new window (and, where the browser has
//    the Storage Access API, to allow the tool's cookies here) instead of going on to a launch that would fail.
//  - launch page (data-mode="get"): read the secret back (lti.get_data), delete it, and re-post the launch with it.
// Messages go to the frame the platform named (lti_storage_target; "_parent" = the parent window) with the
// registration's authorization origin as targetOrigin; answers count only from that origin with our message_id.
// Canvas's non-compliant fallback (the parent window with "*") is not used: its answer could come from any page
// allowed to frame the tool, which could then hand over a secret of its own. Without a frame name the platform's
// window is asked first (lti.capabilities, whose answer only names the frame). Every wait is short.
(() => {
  const root = document.getElementById("platform-storage");
  if (!root) return;
  const { mode, frame, origin, key, value, next, check } = root.dataset;
  const TIMEOUT = mode === "get" ? 3000 : 1500; // at the launch the platform's hint is spent: wait a little longer

  const frameWindow = (name) => {
    if (!name || name === "_parent") return window.parent;
    try { return window.parent.frames[name] || null; } catch { return null; }
  };

  // One request, one answer: { subject }.response with our message_id, from the expected origin (for the
  // capabilities question, sent to the parent with "*", from the parent window itself).
  const ask = (target, targetOrigin, message) => new Promise((resolve) => {
    if (!target || window.parent === window) { resolve(null); return; }
    const id = `ltitool-${crypto.randomUUID()}`;
    const done = (answer) => { window.removeEventListener("message", listen); clearTimeout(timer); resolve(answer); };
    const listen = (event) => {
      const data = event.data;
      if (!data || typeof data !== "object" || data.message_id !== id || data.subject !== `${message.subject}.response`) return;
      if (targetOrigin === "*" ? event.source !== window.parent : event.origin !== targetOrigin) return;
      done(data);
    };
    const timer = setTimeout(() => done(null), TIMEOUT);
    window.addEventListener("message", listen);
    try { target.postMessage({ ...message, message_id: id }, targetOrigin); } catch { done(null); }
  });

  // Where put/get go: the named frame, else whatever the platform's capabilities name for lti.put_data (asked once).
  let storageFrameAnswer = null;
  const storageFrame = () => storageFrameAnswer ??= (async () => {
    if (frame) return frame;
    const answer = await ask(window.parent, "*", { subject: "lti.capabilities" });
    const messages = answer && Array.isArray(answer.supported_messages) ? answer.supported_messages : [];
    const put = messages.find((m) => m && m.subject === "lti.put_data");
    return put ? (put.frame || "_parent") : null;
  })();

  // The spec's way only: the named frame, the registration's authorization origin.
  const send = async (message) => {
    const name = await storageFrame();
    return name === null ? null : ask(frameWindow(name), origin, message);
  };

  const go = () => window.location.replace(next);

  const cookieCameBack = async () => {
    try {
      const response = await fetch(check, { credentials: "include", cache: "no-store" });
      return response.ok && (await response.json()).cookie === true;
    } catch { return false; }
  };

  const showFallback = () => {
    root.querySelector(".signing-in").hidden = true;
    const fallback = document.getElementById("binding-fallback");
    fallback.hidden = false;
    const button = fallback.querySelector(".storage-access");
    const status = fallback.querySelector(".storage-access-status");
    if (typeof document.hasStorageAccess !== "function" || typeof document.requestStorageAccess !== "function") return;
    document.hasStorageAccess().then((has) => {
      if (has) return;
      button.hidden = false;
      button.addEventListener("click", () => {
        // Needs this click; browsers grant it once the tool was used first-party (for instance in the new window).
        // Granted, the login starts again here, and its check finds the cookie.
        document.requestStorageAccess().then(
          () => { window.location.replace(fallback.querySelector(".open-new-window").href); },
          () => { button.hidden = true; status.textContent = "The browser did not allow it here: use the new window."; });
      });
    }, () => {});
  };

  const put = async () => {
    if (await cookieCameBack()) { root.dataset.result = "cookie"; go(); return; }
    if (root.dataset.storage === "on") {
      const answer = await send({ subject: "lti.put_data", key, value });
      if (answer && !answer.error) { root.dataset.result = "stored"; go(); return; }
    }
    root.dataset.result = "none";
    if (root.dataset.acceptUnbound === "true") go();
    else showFallback();
  };

  const get = async () => {
    const form = document.getElementById("platform-storage-form");
    const answer = await send({ subject: "lti.get_data", key });
    const secret = answer && !answer.error && typeof answer.value === "string" ? answer.value : "";
    form.elements.lti_storage_result.value = secret ? "found" : "absent";
    form.elements.lti_storage_binding.value = secret;
    // Used once: clear the key (an empty value deletes it) so the platform's 500-key budget is not spent. The launch
    // does not wait for that answer; the message is posted before the page leaves.
    if (secret) send({ subject: "lti.put_data", key, value: null });
    form.submit();
  };

  const start = () => (mode === "get" ? get() : put());
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
