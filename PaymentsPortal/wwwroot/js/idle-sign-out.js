// Signs the user out after the configured idle time, and keeps the sign-in cookie's sliding
// expiry alive while they work: a Blazor circuit sends no HTTP requests that would renew it.
const activityEvents = ["pointerdown", "pointermove", "keydown", "wheel", "touchstart", "scroll"];
const keepAliveEveryMs = 60_000;
let timer;
let onActivity;
let lastKeepAlive = 0;

export function start(timeoutMs, formId) {
  stop();
  onActivity = () => {
    clearTimeout(timer);
    timer = setTimeout(() => document.getElementById(formId)?.submit(), timeoutMs);
    const now = Date.now();
    if (now - lastKeepAlive > keepAliveEveryMs) {
      lastKeepAlive = now;
      fetch("account/keep-alive", { credentials: "same-origin", cache: "no-store" }).catch(() => {});
    }
  };
  activityEvents.forEach((name) => window.addEventListener(name, onActivity, { passive: true }));
  onActivity();
}

export function stop() {
  clearTimeout(timer);
  if (onActivity) {
    activityEvents.forEach((name) => window.removeEventListener(name, onActivity));
    onActivity = undefined;
  }
}
