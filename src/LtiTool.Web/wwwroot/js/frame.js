// Inside the LMS's iframe, ask the LMS (Canvas's LTI postMessages) to size the frame to the page and to scroll
// to its top when a page of the tool opens. The messages carry only a height: nothing to keep from any origin.
(() => {
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
