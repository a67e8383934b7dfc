// The Stripe.js stand-in's 3-D Secure challenge (Sandbox only): tells the page how the customer answered.
(() => {
  'use strict';

  const parentOrigin = new URLSearchParams(location.hash.slice(1)).get('origin');
  const answer = outcome => {
    if (parentOrigin) {
      parent.postMessage({ type: 'challenge', outcome }, parentOrigin);
    }
  };
  document.getElementById('complete').addEventListener('click', () => answer('succeed'));
  document.getElementById('fail').addEventListener('click', () => answer('fail'));
})();
