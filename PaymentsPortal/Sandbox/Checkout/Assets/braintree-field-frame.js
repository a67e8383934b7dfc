// One hosted field of the braintree-web stand-in (Sandbox only), in an opaque origin. Every field reports whether it is
// empty and valid; the number field alone answers "tokenize", with the test nonce for a Braintree test card number.
(() => {
  'use strict';

  const field = new URLSearchParams(location.search).get('field');
  const hash = new URLSearchParams(location.hash.slice(1));
  const parentOrigin = hash.get('origin');
  const testCards = JSON.parse(document.getElementById('test-cards').textContent);
  const input = document.getElementById('field');
  const settings = {
    number: { id: 'credit-card-number', label: 'Credit Card Number', autocomplete: 'cc-number' },
    expirationDate: { id: 'expiration', label: 'Expiration Date', autocomplete: 'cc-exp' },
    cvv: { id: 'cvv', label: 'CVV', autocomplete: 'cc-csc' },
  }[field];
  input.id = settings.id;
  input.setAttribute('aria-label', settings.label);
  input.setAttribute('autocomplete', settings.autocomplete);
  input.placeholder = hash.get('placeholder') ?? '';

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

  function cardTypeOf(digits) {
    if (/^3[47]/.test(digits)) return 'american-express';
    if (/^4/.test(digits)) return 'visa';
    if (/^(5[1-5]|2[2-7])/.test(digits)) return 'master-card';
    return null;
  }

  function expiryValid(digits) {
    if (digits.length !== 4 && digits.length !== 6) return false;
    const month = Number(digits.slice(0, 2));
    const year = digits.length === 4 ? 2000 + Number(digits.slice(2)) : Number(digits.slice(2));
    const now = new Date();
    return month >= 1 && month <= 12 && (year > now.getFullYear() || (year === now.getFullYear() && month >= now.getMonth() + 1));
  }

  function state() {
    const digits = digitsOf(input.value);
    switch (field) {
      case 'number': {
        const complete = digits.length >= (cardTypeOf(digits) === 'american-express' ? 15 : 16);
        const valid = complete && passesLuhn(digits);
        return { isEmpty: !digits, isValid: valid, isPotentiallyValid: valid || !complete, cardType: cardTypeOf(digits) };
      }
      case 'expirationDate': {
        const valid = expiryValid(digits);
        return { isEmpty: !digits, isValid: valid, isPotentiallyValid: valid || digits.length < 4 };
      }
      default: {
        const valid = digits.length === 3 || digits.length === 4;
        return { isEmpty: !digits, isValid: valid, isPotentiallyValid: digits.length <= 4 };
      }
    }
  }

  function post(message) {
    if (parentOrigin) {
      parent.postMessage(message, parentOrigin);
    }
  }

  function format() {
    const digits = digitsOf(input.value);
    if (field === 'number') {
      input.value = digits.slice(0, 19).replace(/(\d{4})(?=\d)/g, '$1 ');
    } else if (field === 'expirationDate') {
      const kept = digits.slice(0, 6);
      input.value = kept.length > 2 ? kept.slice(0, 2) + ' / ' + kept.slice(2) : kept;
    } else {
      input.value = digits.slice(0, 4);
    }
  }

  function tokenize() {
    const digits = digitsOf(input.value);
    const nonce = testCards[digits];
    if (!nonce) {
      return { error: 'This Sandbox takes only Braintree\'s test card numbers, for example 4111 1111 1111 1111.' };
    }

    const cardType = { visa: 'Visa', 'master-card': 'MasterCard', 'american-express': 'American Express' }[cardTypeOf(digits)] ?? 'Unknown';
    return {
      payload: {
        nonce,
        type: 'CreditCard',
        description: 'ending in ' + digits.slice(-2),
        details: { cardType, lastFour: digits.slice(-4), lastTwo: digits.slice(-2), bin: digits.slice(0, 6) },
      },
    };
  }

  input.addEventListener('input', () => {
    format();
    const current = state();
    input.classList.toggle('invalid', !current.isPotentiallyValid);
    post({ type: 'state', ...current });
  });
  window.addEventListener('message', event => {
    if (event.source === parent && event.data?.type === 'tokenize' && field === 'number') {
      post({ type: 'tokenized', requestId: event.data.requestId, ...tokenize() });
    }
  });
  post({ type: 'ready' });
})();
