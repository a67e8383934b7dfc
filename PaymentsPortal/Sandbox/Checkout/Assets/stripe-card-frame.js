// The Stripe.js stand-in's card frame (Sandbox only). It runs in an opaque origin: the page that embeds it cannot read the
// inputs, and the only thing it ever sends out is a test PaymentMethod id with the brand and last four digits.
(() => {
  'use strict';

  const parentOrigin = new URLSearchParams(location.hash.slice(1)).get('origin');
  const testCards = JSON.parse(document.getElementById('test-cards').textContent);
  const number = document.getElementById('number');
  const expiry = document.getElementById('expiry');
  const cvc = document.getElementById('cvc');

  const digitsOf = value => value.replace(/\D/g, '');

  function passesLuhn(digits) {
    let sum = 0;
    for (let i = 0; i < digits.length; i++) {
      let d = Number(digits[digits.length - 1 - i]);
      if (i % 2 === 1) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }

      sum += d;
    }

    return digits.length > 0 && sum % 10 === 0;
  }

  function brandOf(digits) {
    if (/^3[47]/.test(digits)) return 'amex';
    if (/^4/.test(digits)) return 'visa';
    if (/^(5[1-5]|2[2-7])/.test(digits)) return 'mastercard';
    return 'unknown';
  }

  function read() {
    const digits = digitsOf(number.value);
    const brand = brandOf(digits);
    const numberComplete = digits.length >= (brand === 'amex' ? 15 : 16);
    const expiryDigits = digitsOf(expiry.value);
    const month = Number(expiryDigits.slice(0, 2));
    const year = 2000 + Number(expiryDigits.slice(2, 4));
    const now = new Date();
    const cvcComplete = digitsOf(cvc.value).length >= (brand === 'amex' ? 4 : 3);
    let error = null;
    if (numberComplete && !passesLuhn(digits)) {
      error = { type: 'validation_error', code: 'invalid_number', message: 'Your card number is invalid.' };
    } else if (expiryDigits.length === 4 && (month < 1 || month > 12)) {
      error = { type: 'validation_error', code: 'invalid_expiry_month', message: 'Your card\'s expiration date is invalid.' };
    } else if (expiryDigits.length === 4 && (year < now.getFullYear() || (year === now.getFullYear() && month < now.getMonth() + 1))) {
      error = { type: 'validation_error', code: 'invalid_expiry_year_past', message: 'Your card\'s expiration date is in the past.' };
    }

    const expiryComplete = expiryDigits.length === 4 && error?.code?.startsWith('invalid_expiry') !== true;
    return {
      digits, brand, month, year, error,
      empty: !digits && !expiryDigits && !digitsOf(cvc.value),
      complete: numberComplete && expiryComplete && cvcComplete && error === null,
      incomplete: !numberComplete ? ['incomplete_number', 'Your card number is incomplete.']
        : !expiryComplete ? ['incomplete_expiry', 'Your card\'s expiration date is incomplete.']
          : !cvcComplete ? ['incomplete_cvc', 'Your card\'s security code is incomplete.'] : null,
    };
  }

  function post(message) {
    if (parentOrigin) {
      parent.postMessage(message, parentOrigin);
    }
  }

  function formatNumber() {
    const digits = digitsOf(number.value).slice(0, 19);
    const groups = brandOf(digits) === 'amex' ? [4, 6, 5] : [4, 4, 4, 4, 3];
    const parts = [];
    let at = 0;
    for (const size of groups) {
      if (at >= digits.length) break;
      parts.push(digits.slice(at, at + size));
      at += size;
    }

    number.value = parts.join(' ');
  }

  function formatExpiry() {
    const digits = digitsOf(expiry.value).slice(0, 4);
    expiry.value = digits.length > 2 ? digits.slice(0, 2) + ' / ' + digits.slice(2) : digits;
  }

  function changed() {
    const state = read();
    number.classList.toggle('invalid', state.error?.code === 'invalid_number');
    expiry.classList.toggle('invalid', state.error?.code?.startsWith('invalid_expiry') === true);
    post({ type: 'change', empty: state.empty, complete: state.complete, brand: state.brand, error: state.error });
  }

  function tokenize() {
    const state = read();
    if (state.error) {
      return { error: state.error };
    }

    if (state.incomplete) {
      return { error: { type: 'validation_error', code: state.incomplete[0], message: state.incomplete[1] } };
    }

    const id = testCards[state.digits];
    if (!id) {
      return {
        error: {
          type: 'card_error',
          code: 'card_declined',
          message: 'This Sandbox takes only Stripe\'s test card numbers, for example 4242 4242 4242 4242.',
        },
      };
    }

    return {
      paymentMethod: {
        id,
        object: 'payment_method',
        type: 'card',
        card: { brand: state.brand, last4: state.digits.slice(-4), exp_month: state.month, exp_year: state.year },
      },
    };
  }

  number.addEventListener('input', () => { formatNumber(); changed(); });
  expiry.addEventListener('input', () => { formatExpiry(); changed(); });
  cvc.addEventListener('input', () => { cvc.value = digitsOf(cvc.value).slice(0, 4); changed(); });
  window.addEventListener('message', event => {
    if (event.source === parent && event.data?.type === 'tokenize') {
      post({ type: 'tokenized', requestId: event.data.requestId, result: tokenize() });
    }
  });
  post({ type: 'ready' });
})();
