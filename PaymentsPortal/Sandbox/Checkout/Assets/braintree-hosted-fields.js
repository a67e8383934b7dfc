// Sandbox stand-in for braintree-web's hosted-fields module (hosted-fields.min.js), served by PaymentsPortal in Sandbox
// mode only: braintree.hostedFields.create({ client, fields }), on(event), getState(), tokenize() and teardown(), with
// braintree-web's names and shapes. Each field is an iframe sandboxed to an opaque origin, as Braintree's are foreign
// frames; the number stays in its frame, which turns Braintree's test card numbers into the simulator's test nonces.
(() => {
  'use strict';

  const braintree = (window.braintree = window.braintree || {});
  const { BraintreeError, settle, Client } = braintree.__portalSandbox ?? {};
  if (!Client) {
    throw new Error('Load the client stand-in before hosted-fields.');
  }

  const base = new URL('.', document.currentScript.src);
  const supported = ['number', 'expirationDate', 'cvv'];
  let requests = 0;

  class HostedFields {
    #frames = new Map();
    #fields = {};
    #handlers = new Map();
    #pending = new Map();
    #cardType = null;
    #listener = event => this.#receive(event);
    #ready;
    #markFieldReady;

    constructor(fields) {
      let markReady;
      const waiting = new Set(Object.keys(fields));
      this.#ready = new Promise(resolve => { markReady = resolve; });
      this.#markFieldReady = field => {
        waiting.delete(field);
        if (waiting.size === 0) {
          markReady();
        }
      };
      window.addEventListener('message', this.#listener);
      for (const [field, options] of Object.entries(fields)) {
        const container = options.container ?? options.selector;
        const target = typeof container === 'string' ? document.querySelector(container) : container;
        const frame = document.createElement('iframe');
        const url = new URL('field-frame', base);
        url.searchParams.set('field', field);
        url.hash = new URLSearchParams({ origin: location.origin, placeholder: options.placeholder ?? '' }).toString();
        frame.src = url.href;
        frame.name = 'braintree-hosted-field-' + field;
        frame.title = 'Secure Credit Card Frame - ' + field;
        frame.setAttribute('sandbox', 'allow-scripts');
        frame.style.cssText = 'border:0;width:100%;height:44px;display:block;';
        this.#frames.set(field, frame);
        this.#fields[field] = { isEmpty: true, isValid: false, isPotentiallyValid: true, isFocused: false };
        target.appendChild(frame);
      }
    }

    get ready() {
      return this.#ready;
    }

    on(event, handler) {
      if (!this.#handlers.has(event)) {
        this.#handlers.set(event, []);
      }

      this.#handlers.get(event).push(handler);
    }

    getState() {
      return { cards: this.#cards(), fields: structuredClone(this.#fields) };
    }

    tokenize(options, callback) {
      if (typeof options === 'function') {
        callback = options;
      }

      return settle(this.#tokenize(), callback);
    }

    teardown(callback) {
      window.removeEventListener('message', this.#listener);
      for (const frame of this.#frames.values()) {
        frame.remove();
      }

      this.#frames.clear();
      for (const { reject } of this.#pending.values()) {
        reject(new BraintreeError('MERCHANT', 'HOSTED_FIELDS_TORN_DOWN', 'The hosted fields were torn down.'));
      }

      this.#pending.clear();
      return settle(Promise.resolve(), callback);
    }

    async #tokenize() {
      await this.#ready;
      const states = Object.entries(this.#fields);
      if (states.every(([, state]) => state.isEmpty)) {
        throw new BraintreeError('CUSTOMER', 'HOSTED_FIELDS_FIELDS_EMPTY', 'All card fields are empty.');
      }

      const invalid = states.filter(([, state]) => !state.isValid).map(([field]) => field);
      if (invalid.length > 0) {
        throw new BraintreeError('CUSTOMER', 'HOSTED_FIELDS_FIELDS_INVALID', 'Some card fields are invalid: ' + invalid.join(', ') + '.',
          { invalidFieldKeys: invalid });
      }

      const number = this.#frames.get('number');
      if (!number) {
        throw new BraintreeError('MERCHANT', 'HOSTED_FIELDS_FIELD_MISSING', 'The number field was not created.');
      }

      const requestId = ++requests;
      return new Promise((resolve, reject) => {
        this.#pending.set(requestId, { resolve, reject });
        number.contentWindow.postMessage({ type: 'tokenize', requestId }, '*');
      });
    }

    #cards() {
      return this.#cardType ? [{ type: this.#cardType, niceType: this.#cardType }] : [];
    }

    #emit(event, field) {
      const payload = { emittedBy: field, cards: this.#cards(), fields: structuredClone(this.#fields) };
      for (const handler of this.#handlers.get(event) ?? []) {
        handler(payload);
      }
    }

    #receive(event) {
      const field = [...this.#frames].find(([, frame]) => frame.contentWindow === event.source)?.[0];
      if (!field) {
        return;
      }

      const message = event.data ?? {};
      if (message.type === 'ready') {
        this.#markFieldReady(field);
      } else if (message.type === 'state') {
        const before = this.#fields[field];
        const after = { isEmpty: message.isEmpty, isValid: message.isValid, isPotentiallyValid: message.isPotentiallyValid, isFocused: before.isFocused };
        this.#fields[field] = after;
        if (field === 'number' && message.cardType !== this.#cardType) {
          this.#cardType = message.cardType;
          this.#emit('cardTypeChange', field);
        }

        if (before.isEmpty !== after.isEmpty) {
          this.#emit(after.isEmpty ? 'empty' : 'notEmpty', field);
        }

        if (before.isValid !== after.isValid || before.isPotentiallyValid !== after.isPotentiallyValid) {
          this.#emit('validityChange', field);
        }
      } else if (message.type === 'tokenized' && this.#pending.has(message.requestId)) {
        const { resolve, reject } = this.#pending.get(message.requestId);
        this.#pending.delete(message.requestId);
        if (message.error) {
          reject(new BraintreeError('CUSTOMER', 'HOSTED_FIELDS_FAILED_TOKENIZATION', message.error));
        } else {
          resolve(message.payload);
        }
      }
    }
  }

  braintree.hostedFields = {
    VERSION: 'portal-sandbox',
    create(options, callback) {
      const created = (async () => {
        if (!(options?.client instanceof Client)) {
          throw new BraintreeError('MERCHANT', 'INSTANTIATION_OPTION_REQUIRED', 'options.client is required when instantiating Hosted Fields.');
        }

        const fields = Object.fromEntries(Object.entries(options.fields ?? {}).filter(([field]) => supported.includes(field)));
        for (const [field, settings] of Object.entries(fields)) {
          const container = settings?.container ?? settings?.selector;
          const target = typeof container === 'string' ? document.querySelector(container) : container;
          if (!(target instanceof Element)) {
            throw new BraintreeError('MERCHANT', 'HOSTED_FIELDS_INVALID_FIELD_SELECTOR', 'No container was found for the ' + field + ' field.');
          }
        }

        if (!fields.number) {
          throw new BraintreeError('MERCHANT', 'HOSTED_FIELDS_FIELD_MISSING', 'The number field is required.');
        }

        const instance = new HostedFields(fields);
        await instance.ready;
        return instance;
      })();
      return settle(created, callback);
    },
  };
})();
