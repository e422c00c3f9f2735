// A launch refused because the browser kept no binding (its cookies of the tool are blocked in the LMS frame and
// the LMS offered no platform storage). The page offers the tool in a new window, where it is first-party; where
// the browser has the Storage Access API, it also offers to ask for the tool's cookies here and start again.
(() => {
  const root = document.getElementById("binding-fallback");
  if (!root || window.parent === window) return;
  const button = root.querySelector(".storage-access");
  const status = root.querySelector(".storage-access-status");
  const relaunch = root.dataset.relaunch;
  if (!button || !relaunch || typeof document.hasStorageAccess !== "function" || typeof document.requestStorageAccess !== "function") return;
  document.hasStorageAccess().then((has) => {
    if (has) return;
    button.hidden = false;
    button.addEventListener("click", () => {
      // Needs this click (a user activation); browsers grant it after the tool was used first-party (the new window).
      document.requestStorageAccess().then(
        () => { window.location.href = relaunch; },
        () => {
          button.hidden = true;
          status.textContent = "The browser did not allow it here. Use the new window.";
        });
    });
  }, () => {});
})();
