// Submits the sign-out form when the user has done nothing for the configured time.
const activityEvents = ["pointerdown", "pointermove", "keydown", "wheel", "touchstart", "scroll"];
let timer;
let reset;

export function start(timeoutMs, formId) {
  stop();
  reset = () => {
    clearTimeout(timer);
    timer = setTimeout(() => document.getElementById(formId)?.submit(), timeoutMs);
  };
  activityEvents.forEach((name) => window.addEventListener(name, reset, { passive: true }));
  reset();
}

export function stop() {
  clearTimeout(timer);
  if (reset) {
    activityEvents.forEach((name) => window.removeEventListener(name, reset));
    reset = undefined;
  }
}
