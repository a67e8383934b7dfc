// Sandbox stand-in for Stripe.js v3, served by PaymentsPortal in Sandbox mode only. It implements the part of Stripe.js the
// portal's card-fields module calls, with Stripe's names and result shapes, so that module is the same in both modes:
// Stripe(key), stripe.elements().create('card'), card.mount/on/unmount/destroy, stripe.createPaymentMethod and
// stripe.handleNextAction.
//
// Card entry happens in an iframe sandboxed to an opaque origin, which makes it as foreign to the page as Stripe's own
// frames are: neither side can read the other, they only exchange messages. The card number never leaves that frame; the
// frame turns Stripe's documented test numbers into the Stripe simulator's test PaymentMethods (pm_card_visa, …).
(() => {
  'use strict';

  const base = new URL('.', document.currentScript.src);
  let frames = 0;
  let requests = 0;

  function sandboxedFrame(page, title) {
    const frame = document.createElement('iframe');
    const url = new URL(page, base);
    url.hash = 'origin=' + encodeURIComponent(location.origin);
    frame.src = url.href;
    frame.title = title;
    frame.name = '__portalStripeFrame' + (++frames);
    // allow-scripts without allow-same-origin: the frame runs in an opaque origin.
    frame.setAttribute('sandbox', 'allow-scripts');
    return frame;
  }

  class CardElement {
    #handlers = new Map();
    #frame = null;
    #pending = new Map();
    #ready = null;
    #markReady = () => {};
    #listener = event => this.#receive(event);

    mount(target) {
      const container = typeof target === 'string' ? document.querySelector(target) : target;
      if (!(container instanceof Element)) {
        throw new Error('card.mount(): no element matches ' + String(target) + '.');
      }

      this.unmount();
      this.#ready = new Promise(resolve => { this.#markReady = resolve; });
      this.#frame = sandboxedFrame('card-frame', 'Secure card payment input frame');
      this.#frame.style.cssText = 'border:0;width:100%;height:54px;display:block;';
      window.addEventListener('message', this.#listener);
      container.appendChild(this.#frame);
    }

    on(event, handler) {
      if (!this.#handlers.has(event)) {
        this.#handlers.set(event, []);
      }

      this.#handlers.get(event).push(handler);
      return this;
    }

    off(event, handler) {
      this.#handlers.set(event, (this.#handlers.get(event) ?? []).filter(h => h !== handler));
      return this;
    }

    unmount() {
      window.removeEventListener('message', this.#listener);
      this.#frame?.remove();
      this.#frame = null;
      for (const settle of this.#pending.values()) {
        settle({ error: { type: 'validation_error', message: 'The card element was removed before the card was read.' } });
      }

      this.#pending.clear();
    }

    destroy() {
      this.unmount();
      this.#handlers.clear();
    }

    // Asks the frame for a PaymentMethod; resolves { paymentMethod } or { error } as Stripe.js does.
    async tokenize() {
      if (!this.#frame) {
        return { error: { type: 'invalid_request_error', message: 'The card element is not mounted.' } };
      }

      await this.#ready;
      const requestId = ++requests;
      return new Promise(resolve => {
        this.#pending.set(requestId, resolve);
        this.#frame.contentWindow.postMessage({ type: 'tokenize', requestId }, '*');
      });
    }

    #emit(event, payload) {
      for (const handler of this.#handlers.get(event) ?? []) {
        handler(payload);
      }
    }

    #receive(event) {
      if (!this.#frame || event.source !== this.#frame.contentWindow) {
        return;
      }

      const message = event.data ?? {};
      if (message.type === 'ready') {
        this.#markReady();
        this.#emit('ready', { elementType: 'card' });
      } else if (message.type === 'change') {
        this.#emit('change', {
          elementType: 'card',
          empty: message.empty,
          complete: message.complete,
          brand: message.brand,
          error: message.error ?? undefined,
        });
      } else if (message.type === 'tokenized' && this.#pending.has(message.requestId)) {
        const settle = this.#pending.get(message.requestId);
        this.#pending.delete(message.requestId);
        settle(message.result);
      }
    }
  }

  // The 3-D Secure challenge: a modal over the page with the issuer's frame in it, as Stripe.js shows one. The frame has
  // Complete and Fail buttons, like Stripe's test challenge page. Resolves with the answer and a function that closes the
  // modal: like Stripe.js, the modal stays until the answer has been sent to Stripe, so the frame is never torn down while
  // the click that answered it is still being delivered.
  function showChallenge() {
    return new Promise(resolve => {
      const overlay = document.createElement('div');
      overlay.style.cssText = 'position:fixed;inset:0;z-index:2147483647;background:rgba(0,0,0,.45);display:flex;align-items:center;justify-content:center;';
      const frame = sandboxedFrame('challenge-frame', '3D Secure test challenge');
      frame.style.cssText = 'border:0;border-radius:8px;background:#fff;width:420px;max-width:95vw;height:300px;';
      const listener = event => {
        if (event.source !== frame.contentWindow || event.data?.type !== 'challenge') {
          return;
        }

        window.removeEventListener('message', listener);
        resolve({ outcome: event.data.outcome === 'succeed' ? 'succeed' : 'fail', close: () => overlay.remove() });
      };
      window.addEventListener('message', listener);
      overlay.appendChild(frame);
      document.body.appendChild(overlay);
    });
  }

  async function handleNextAction(options) {
    const clientSecret = options?.clientSecret ?? '';
    const intent = /^(pi_[A-Za-z0-9]+)_secret_[A-Za-z0-9]+$/.exec(clientSecret);
    if (!intent) {
      return { error: { type: 'invalid_request_error', message: 'handleNextAction needs the PaymentIntent\'s client secret.' } };
    }

    const challenge = await showChallenge();
    let response;
    let body;
    try {
      response = await fetch(new URL('v1/payment_intents/' + intent[1] + '/authenticate', base), {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_secret: clientSecret, outcome: challenge.outcome }),
      });
      body = await response.json().catch(() => ({}));
    } catch {
      return { error: { type: 'api_connection_error', message: 'Stripe could not be reached to finish authentication.' } };
    } finally {
      challenge.close();
    }

    if (!response.ok) {
      return { error: body.error ?? { type: 'api_error', message: 'Stripe could not finish authentication.' } };
    }

    if (body.status === 'requires_payment_method') {
      const failure = body.last_payment_error ?? {};
      return {
        error: {
          type: failure.type ?? 'invalid_request_error',
          code: failure.code ?? 'payment_intent_authentication_failure',
          message: failure.message ?? 'The customer did not pass authentication.',
          payment_intent: body,
        },
      };
    }

    return { paymentIntent: body };
  }

  function Stripe(publishableKey) {
    if (typeof publishableKey !== 'string' || !publishableKey.startsWith('pk_')) {
      throw new Error('Stripe(): pass your publishable key (pk_…).');
    }

    return {
      elements() {
        return {
          create(type) {
            if (type !== 'card') {
              throw new Error('This Sandbox stand-in for Stripe.js only has the card element.');
            }

            return new CardElement();
          },
        };
      },

      async createPaymentMethod(options) {
        if (options?.type !== 'card' || !(options.card instanceof CardElement)) {
          return { error: { type: 'invalid_request_error', message: 'createPaymentMethod needs { type: \'card\', card: <card element> }.' } };
        }

        return options.card.tokenize();
      },

      handleNextAction,
    };
  }

  window.Stripe = Stripe;
})();
