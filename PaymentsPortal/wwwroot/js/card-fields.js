// Checkout's card fields: loads the gateway's script, mounts its hosted fields, tokenizes the card and runs 3-D Secure.
// It uses only the public API of Stripe.js and braintree-web, so it is the same module whether the server hands it the real
// scripts (Live mode) or the Sandbox stand-ins. What goes back to .NET is a token (a PaymentMethod id or a nonce), a status
// or a message: the card itself stays in the gateway's frames.

const loading = new Map();

// Each script once per page, in the order given: braintree-web's hosted fields need its client module first.
function load(src) {
  if (!loading.has(src)) {
    loading.set(src, new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.async = false;
      script.onload = () => resolve();
      script.onerror = () => {
        loading.delete(src);
        script.remove();
        reject(new Error('could not load ' + src));
      };
      document.head.appendChild(script);
    }));
  }

  return loading.get(src);
}

async function loadAll(scripts) {
  for (const src of scripts) {
    await load(src);
  }
}

// A frame that never answers must not leave the checkout waiting for ever.
function withTimeout(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(what + ' took too long')), 20000);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const messageOf = error => (error && error.message) || String(error);

function stripeFields(setup, containers, notify) {
  const stripe = window.Stripe(setup.publishableKey);
  const card = stripe.elements().create('card');
  return {
    async mount() {
      const ready = new Promise(resolve => card.on('ready', resolve));
      card.on('change', event => notify(event.complete === true, event.error ? event.error.message : null));
      card.mount(containers.card);
      await withTimeout(ready, 'Loading the card fields');
    },
    async tokenize() {
      const result = await stripe.createPaymentMethod({ type: 'card', card });
      return result.error ? { error: result.error.message } : { token: result.paymentMethod.id };
    },
    destroy() {
      card.destroy();
    },
  };
}

function braintreeFields(setup, containers, notify) {
  let fields = null;
  return {
    async mount() {
      const client = await window.braintree.client.create({ authorization: setup.clientToken });
      fields = await withTimeout(window.braintree.hostedFields.create({
        client,
        fields: {
          number: { container: containers.number, placeholder: '4111 1111 1111 1111' },
          expirationDate: { container: containers.expiry, placeholder: 'MM / YY' },
          cvv: { container: containers.cvv, placeholder: 'CVV' },
        },
      }), 'Loading the card fields');
      fields.on('validityChange', event => {
        const states = Object.values(event.fields);
        const invalid = states.some(state => !state.isPotentiallyValid);
        notify(states.every(state => state.isValid), invalid ? 'Check the card details.' : null);
      });
    },
    async tokenize() {
      try {
        const payload = await fields.tokenize();
        return { token: payload.nonce };
      } catch (error) {
        return { error: messageOf(error) };
      }
    },
    destroy() {
      if (fields) {
        fields.teardown().catch(() => {});
        fields = null;
      }
    },
  };
}

// A controller for one mount. Plain closures rather than a class: .NET calls these through an object reference.
export function createCardFields() {
  let fields = null;
  return {
    async mount(containers, setup, listener) {
      const notify = (complete, error) => listener.invokeMethodAsync('OnCardChanged', complete, error).catch(() => {});
      try {
        await loadAll(setup.scripts);
        fields = setup.gateway === 'Braintree' ? braintreeFields(setup, containers, notify) : stripeFields(setup, containers, notify);
        await fields.mount();
        return {};
      } catch (error) {
        return { error: 'The card fields could not be shown: ' + messageOf(error) + '.' };
      }
    },
    async tokenize() {
      if (!fields) {
        return { error: 'The card fields are not ready.' };
      }

      try {
        return await fields.tokenize();
      } catch (error) {
        return { error: messageOf(error) };
      }
    },
    destroy() {
      fields?.destroy();
      fields = null;
    },
  };
}

// 3-D Secure for a PaymentIntent the server confirmed: Stripe.js shows the challenge; the status it ends in is only a hint,
// since the server asks Stripe itself afterwards.
export async function handleNextAction(setup, clientSecret) {
  if (setup.gateway !== 'Stripe') {
    return { error: 'Only Stripe payments ask the customer to authenticate here.' };
  }

  try {
    await loadAll(setup.scripts);
    const result = await window.Stripe(setup.publishableKey).handleNextAction({ clientSecret });
    return result.error ? { error: result.error.message } : { status: result.paymentIntent.status };
  } catch (error) {
    return { error: messageOf(error) };
  }
}
