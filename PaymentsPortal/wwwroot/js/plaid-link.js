// Bank linking: loads Plaid Link's script (Plaid's own in Live mode, the simulator's stand-in in Sandbox mode, both with the same
// interface) and runs Link. What goes back to .NET is Link's short-lived public token and the bank's display name, or why Link
// closed; the access token is made and kept on the server only. The link token is remembered for the session so that an OAuth
// bank's redirect back to the portal can resume Link where it left off.

const loading = new Map();
const RESUME_KEY = 'pp.plaid-link';

function load(src) {
  if (!loading.has(src)) {
    loading.set(src, new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.onload = () => resolve();
      script.onerror = () => {
        loading.delete(src);
        script.remove();
        reject(new Error('could not load Plaid Link'));
      };
      document.head.appendChild(script);
    }));
  }

  return loading.get(src);
}

function run(token, receivedRedirectUri, dotnet) {
  const handler = window.Plaid.create({
    token,
    receivedRedirectUri: receivedRedirectUri || undefined,
    onSuccess: (publicToken, metadata) => {
      sessionStorage.removeItem(RESUME_KEY);
      dotnet.invokeMethodAsync('OnLinkSuccess', publicToken, metadata && metadata.institution ? metadata.institution.name : null);
    },
    onExit: (error) => {
      sessionStorage.removeItem(RESUME_KEY);
      const said = error ? (error.display_message || error.error_message || error.error_code || 'Link closed with an error') : null;
      dotnet.invokeMethodAsync('OnLinkExit', said);
    },
  });
  handler.open();
}

// Opens Link for a new link or, with repairLinkId, a reconnection (Link's update mode).
export async function open(scriptUrl, token, repairLinkId, dotnet) {
  await load(scriptUrl);
  sessionStorage.setItem(RESUME_KEY, JSON.stringify({ token, repairLinkId: repairLinkId || null }));
  run(token, null, dotnet);
}

// On the OAuth return page: what was being linked before the bank's own sign-in, if anything.
export function pending() {
  const saved = sessionStorage.getItem(RESUME_KEY);
  return saved ? JSON.parse(saved) : null;
}

// Resumes Link with the address the bank sent the browser back to.
export async function resume(scriptUrl, token, dotnet) {
  await load(scriptUrl);
  run(token, location.href, dotnet);
}
