// The virtual terminal's checkout key, kept in sessionStorage per merchant: a reload during a payment finds the payment its
// key started instead of opening a fresh form. sessionStorage belongs to the tab, so another tab starts its own checkout.
const name = merchantId => 'pp.checkout-key.' + merchantId;

export function read(merchantId) {
  try {
    return sessionStorage.getItem(name(merchantId));
  } catch {
    return null;
  }
}

export function write(merchantId, key) {
  try {
    sessionStorage.setItem(name(merchantId), key);
  } catch {
    // Storage refused (private mode, quota): the key still holds for this page's life.
  }
}

export function clear(merchantId) {
  try {
    sessionStorage.removeItem(name(merchantId));
  } catch {
    // Nothing to clear.
  }
}
