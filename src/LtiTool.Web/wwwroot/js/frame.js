// Inside the LMS's iframe, ask the LMS (Canvas's LTI postMessages) to size the frame to the page and to scroll
// to its top when a page of the tool opens. The messages carry only a height: nothing to keep from any origin.
// Where the browser keeps no cookie of the tool in the frame, the page says so (meta lti-session-carry) and the
// tool's own links and GET forms carry the session token in the query (reads only, as the cookie would).
(() => {
  const carry = document.querySelector('meta[name="lti-session-carry"]');
  if (carry && carry.content) {
    const withToken = (href) => {
      const url = new URL(href, window.location.href);
      if (url.origin !== window.location.origin) return null;
      url.searchParams.set("lti_session", carry.content);
      return url.href;
    };
    // A click, a middle click (auxclick) or a keyboard "open": the href is rewritten before the browser follows it.
    const carryOn = (event) => {
      const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!link) return;
      const href = withToken(link.getAttribute("href"));
      if (href) link.href = href;
    };
    document.addEventListener("click", carryOn, true);
    document.addEventListener("auxclick", carryOn, true);
    document.addEventListener("submit", (event) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement) || (form.method || "get").toLowerCase() !== "get" || !withToken(form.action)) return;
      if (form.elements.namedItem("lti_session")) return;
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = "lti_session";
      input.value = carry.content;
      form.appendChild(input);
    }, true);
  }

  if (window.parent === window) return;
  const send = (message) => window.parent.postMessage(message, "*");
  let last = 0;
  const resize = () => {
    const height = Math.ceil(document.documentElement.scrollHeight);
    if (height === last) return;
    last = height;
    send({ subject: "lti.frameResize", height });
  };
  document.addEventListener("DOMContentLoaded", () => {
    send({ subject: "lti.scrollToTop" });
    resize();
    if ("ResizeObserver" in window) new ResizeObserver(() => resize()).observe(document.body);
  });
  window.addEventListener("load", resize);
})();
