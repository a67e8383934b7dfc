// A checkout's key, kept in sessionStorage per checkout (the virtual terminal's per merchant, a payment link's per link): a
// reload during a payment finds the payment its key started instead of opening a fresh form. sessionStorage belongs to the
// tab, so another tab starts its own checkout.
const name = checkout => 'pp.checkout-key.' + checkout;

export function read(checkout) {
  try {
    return sessionStorage.getItem(name(checkout));
  } catch {
    return null;
  }
}

export function write(checkout, key) {
  try {
    sessionStorage.setItem(name(checkout), key);
  } catch {
    // Storage refused (private mode, quota): the key still holds for this page's life.
  }
}

export function clear(checkout) {
  try {
    sessionStorage.removeItem(name(checkout));
  } catch {
    // Nothing to clear.
  }
}
