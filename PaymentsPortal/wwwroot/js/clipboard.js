// Copies text for the person at the page. The Clipboard API needs a secure context (https, or loopback) and a focused page;
// the answer says whether it worked, so the page can ask them to copy by hand instead.
export async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
