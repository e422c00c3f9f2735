// LTI Dynamic Registration 1.0 §3.6.1: the tool tells the platform (the frame's parent, or the window that opened
// it) that the registration is done. The message carries no data.
(() => {
  const script = document.getElementById("registration-close");
  const subject = script && script.dataset.subject;
  if (subject) (window.opener || window.parent).postMessage({ subject }, "*");
})();
