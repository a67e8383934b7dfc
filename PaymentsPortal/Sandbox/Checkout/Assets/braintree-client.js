// Sandbox stand-in for braintree-web's client module (client.min.js), served by PaymentsPortal in Sandbox mode only.
// braintree.client.create({ authorization }) accepts the client tokens the Braintree simulator issues and nothing else.
(() => {
  'use strict';

  const braintree = (window.braintree = window.braintree || {});

  class BraintreeError extends Error {
    constructor(type, code, message, details) {
      super(message);
      this.name = 'BraintreeError';
      this.type = type;
      this.code = code;
      this.details = details;
    }
  }

  // braintree-web answers through a callback when one is given, and with a promise otherwise.
  function settle(promise, callback) {
    if (typeof callback !== 'function') {
      return promise;
    }

    promise.then(result => callback(null, result), error => callback(error));
    return undefined;
  }

  function decode(token) {
    try {
      return JSON.parse(atob(token));
    } catch {
      return null;
    }
  }

  class Client {
    #authorization;
    #token;

    constructor(authorization, token) {
      this.#authorization = authorization;
      this.#token = token;
    }

    getConfiguration() {
      return {
        authorization: this.#authorization,
        gatewayConfiguration: { environment: this.#token.environment, merchantAccountId: this.#token.merchantAccountId },
      };
    }

    teardown(callback) {
      return settle(Promise.resolve(), callback);
    }
  }

  braintree.client = {
    VERSION: 'portal-sandbox',
    create(options, callback) {
      const authorization = options?.authorization ?? '';
      const token = decode(authorization);
      const created = token?.environment === 'portal-sandbox' && token.authorizationFingerprint
        ? Promise.resolve(new Client(authorization, token))
        : Promise.reject(new BraintreeError('MERCHANT', 'CLIENT_INVALID_AUTHORIZATION',
          'This Sandbox stand-in accepts only client tokens from the Braintree simulator.'));
      return settle(created, callback);
    },
  };

  // Shared with the hosted-fields stand-in, which loads after this script as hosted-fields.min.js loads after client.min.js.
  braintree.__portalSandbox = { BraintreeError, settle, Client };
})();
