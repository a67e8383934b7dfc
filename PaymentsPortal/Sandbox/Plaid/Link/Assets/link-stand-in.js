// The Plaid Link stand-in's page (Sandbox only). Runs in the frame link-initialize.js opens and reports to it with
// postMessage, addressed to the opener's origin only: events (onEvent), success (public_token and Link's metadata),
// exit (error and metadata) and, for an OAuth bank, the redirect to the link token's redirect_uri. It calls the simulator's
// stand-in API on its own origin with the link token, as Link's frame calls Plaid.
(() => {
  'use strict';

  const MESSAGE_SOURCE = 'portal-plaid-link';
  const params = new URLSearchParams(location.search);
  const token = params.get('token');
  const oauthStateId = params.get('oauth_state_id');
  const openerOrigin = new URLSearchParams(location.hash.slice(1)).get('origin');
  const $ = id => document.getElementById(id);

  let session = null;
  let institution = null;
  let accounts = [];
  let currentOauthStateId = oauthStateId;
  let status = 'institution_not_found';
  let lastError = null;
  let lastRequestId = null;

  function post(action, data) {
    if (openerOrigin && window.parent !== window) {
      window.parent.postMessage({ source: MESSAGE_SOURCE, action, ...data }, openerOrigin);
    }
  }

  function emit(eventName, metadata = {}) {
    post('event', {
      eventName,
      metadata: {
        link_session_id: session?.link_session_id ?? null,
        request_id: lastRequestId,
        institution_id: institution?.institution_id ?? null,
        institution_name: institution?.name ?? null,
        timestamp: new Date().toISOString(),
        ...metadata,
      },
    });
  }

  function institutionMetadata() {
    return institution ? { name: institution.name, institution_id: institution.institution_id } : null;
  }

  async function api(path, body) {
    const response = await fetch('api/' + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ link_token: token, ...body }),
    });
    const json = await response.json().catch(() => ({ error_code: 'INTERNAL_SERVER_ERROR', error_message: 'Link could not reach Plaid.' }));
    lastRequestId = json.request_id ?? lastRequestId;
    if (!response.ok) {
      throw json;
    }

    return json;
  }

  function show(step) {
    for (const section of document.querySelectorAll('main > section')) {
      section.hidden = section.id !== step;
    }
  }

  function showError(error) {
    lastError = {
      error_type: error.error_type ?? 'API_ERROR',
      error_code: error.error_code ?? 'INTERNAL_SERVER_ERROR',
      error_message: error.error_message ?? 'Unexpected error.',
      display_message: error.display_message ?? null,
    };
    $('error').textContent = lastError.display_message || lastError.error_message;
    $('error').hidden = false;
    emit('ERROR', { error_type: lastError.error_type, error_code: lastError.error_code, error_message: lastError.error_message });
  }

  function clearError() {
    $('error').hidden = true;
    $('error').textContent = '';
  }

  function renderInstitutions() {
    const list = $('institutions');
    list.replaceChildren();
    for (const candidate of session.institutions) {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'institution';
      button.dataset.test = 'institution-' + candidate.institution_id;
      button.textContent = candidate.name;
      if (candidate.oauth) {
        const tag = document.createElement('span');
        tag.className = 'tag';
        tag.textContent = '(OAuth)';
        button.appendChild(tag);
      }

      button.addEventListener('click', () => choose(candidate));
      item.appendChild(button);
      list.appendChild(item);
    }

    status = 'institution_not_found';
    show('step-institutions');
  }

  function choose(candidate) {
    clearError();
    institution = candidate;
    emit('SELECT_INSTITUTION');
    if (candidate.oauth) {
      $('oauth-title').textContent = 'Continue to ' + candidate.name;
      $('oauth-text').textContent = 'You will log in at ' + candidate.name + ' and come back here to finish (a simulated OAuth consent).';
      status = 'requires_oauth';
      show('step-oauth');
    } else {
      $('login-title').textContent = 'Log in to ' + candidate.name;
      status = 'requires_credentials';
      show('step-login');
      $('username').focus();
    }
  }

  function renderAccounts(choices) {
    accounts = choices;
    const holder = $('accounts');
    holder.replaceChildren();
    for (const account of choices) {
      const row = document.createElement('div');
      row.className = 'account';
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.checked = true;
      box.id = 'account-' + account.mask;
      box.value = account.mask;
      box.dataset.test = 'account-' + account.mask;
      const label = document.createElement('label');
      label.htmlFor = box.id;
      label.textContent = account.name + ' •••' + account.mask + ' (' + account.subtype + ')';
      row.append(box, label);
      holder.appendChild(row);
    }

    status = 'requires_account_selection';
    show('step-accounts');
  }

  async function complete(masks) {
    clearError();
    show('step-working');
    try {
      const result = await api('complete', { institution_id: institution.institution_id, account_masks: masks, oauth_state_id: currentOauthStateId });
      emit('HANDOFF');
      post('success', { public_token: result.public_token, metadata: result.metadata });
    } catch (error) {
      showError(error);
      show(session.update ? 'step-login' : 'step-institutions');
    }
  }

  // In update mode the accounts are the Item's own: nothing to choose, Link finishes once the login works.
  async function afterAuthentication(choices) {
    if (session.update) {
      await complete(choices.map(a => a.mask));
    } else {
      renderAccounts(choices);
    }
  }

  $('login-form').addEventListener('submit', async event => {
    event.preventDefault();
    clearError();
    emit('SUBMIT_CREDENTIALS');
    try {
      const result = await api('login', { institution_id: institution.institution_id, username: $('username').value, password: $('password').value });
      await afterAuthentication(result.accounts);
    } catch (error) {
      showError(error);
      if (error.error_code === 'INSTITUTION_DOWN' && !session.update) {
        renderInstitutions();
      }
    }
  });

  $('oauth-continue').addEventListener('click', async () => {
    clearError();
    emit('OPEN_OAUTH');
    try {
      const result = await api('oauth', { institution_id: institution.institution_id });
      if (result.redirect_uri) {
        post('oauth-redirect', { url: result.redirect_uri });
        return;
      }

      // No redirect_uri on the link token: the simulated bank consent happens in place, as in Link's pop-up flow.
      currentOauthStateId = result.oauth_state_id;
      emit('CLOSE_OAUTH');
      await afterAuthentication(result.accounts);
    } catch (error) {
      showError(error);
      if (error.error_code === 'INSTITUTION_DOWN' && !session.update) {
        renderInstitutions();
      }
    }
  });

  $('accounts-continue').addEventListener('click', async () => {
    const masks = [...document.querySelectorAll('#accounts input:checked')].map(box => box.value);
    if (masks.length === 0) {
      showError({ error_type: 'INVALID_INPUT', error_code: 'NO_ACCOUNTS', error_message: 'Select at least one account.', display_message: 'Select at least one account.' });
      return;
    }

    await complete(masks);
  });

  $('close').addEventListener('click', () => {
    emit('EXIT');
    post('exit', {
      error: lastError,
      metadata: { institution: institutionMetadata(), status, link_session_id: session?.link_session_id ?? null, request_id: lastRequestId },
    });
  });

  async function start() {
    try {
      session = await api('session', oauthStateId ? { oauth_state_id: oauthStateId } : {});
    } catch (error) {
      showError(error);
      post('exit', { error: lastError, metadata: { institution: null, status: null, link_session_id: null, request_id: lastRequestId } });
      return;
    }

    emit('OPEN');
    if (session.mode === 'oauth_return') {
      institution = session.institution;
      emit('CLOSE_OAUTH');
      await afterAuthentication(session.accounts);
    } else if (session.mode === 'update') {
      choose(session.institution);
    } else {
      renderInstitutions();
    }
  }

  if (!openerOrigin) {
    showError({ error_type: 'INVALID_REQUEST', error_code: 'INVALID_FIELD', error_message: 'Open this page through Plaid.create(...).open().' });
  } else {
    start();
  }
})();
