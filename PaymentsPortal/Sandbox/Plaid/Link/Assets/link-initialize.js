// Sandbox stand-in for Plaid Link's link-initialize.js, served by the Plaid simulator (or by the portal in Sandbox mode) from
// the same path as Plaid's CDN script (cdn.plaid.com, /link/v2/stable/link-initialize.js). It implements the part of Link's web interface
// the portal uses, with Link's names and callback shapes, so the page code is the same in both modes:
//
//   const handler = Plaid.create({ token, onSuccess, onExit, onEvent, onLoad, receivedRedirectUri });
//   handler.open(); handler.exit(); handler.destroy();
//
// open() shows the stand-in page in an overlay iframe served from this script's origin; the frame and this script only
// exchange messages, checked by origin and source. OAuth banks: the frame asks this script to send the browser to the link
// token's redirect_uri with ?oauth_state_id=…; the page there calls Plaid.create({ token, receivedRedirectUri }) and open()
// resumes and finishes the flow.
(() => {
  'use strict';

  const base = new URL('.', document.currentScript.src);
  const MESSAGE_SOURCE = 'portal-plaid-link';

  function oauthStateIdOf(receivedRedirectUri) {
    if (typeof receivedRedirectUri !== 'string' || receivedRedirectUri.length === 0) {
      return null;
    }

    try {
      return new URL(receivedRedirectUri, location.href).searchParams.get('oauth_state_id');
    } catch {
      return null;
    }
  }

  function create(config) {
    if (!config || typeof config.token !== 'string' || config.token.length === 0) {
      throw new Error('Plaid.create(): a link token is required.');
    }

    const callback = name => (typeof config[name] === 'function' ? config[name] : () => {});
    const oauthStateId = oauthStateIdOf(config.receivedRedirectUri);
    let overlay = null;
    let frame = null;
    let destroyed = false;
    let linkSessionId = null;

    function close() {
      window.removeEventListener('message', receive);
      document.removeEventListener('keydown', onKey);
      overlay?.remove();
      overlay = null;
      frame = null;
    }

    function onKey(event) {
      if (event.key === 'Escape' && overlay) {
        handler.exit();
      }
    }

    function receive(event) {
      if (!frame || event.source !== frame.contentWindow || event.origin !== base.origin) {
        return;
      }

      const message = event.data;
      if (!message || message.source !== MESSAGE_SOURCE) {
        return;
      }

      switch (message.action) {
        case 'event':
          linkSessionId = message.metadata?.link_session_id ?? linkSessionId;
          callback('onEvent')(message.eventName, message.metadata);
          break;
        case 'success':
          close();
          callback('onSuccess')(message.public_token, message.metadata);
          break;
        case 'exit':
          close();
          callback('onExit')(message.error ?? null, message.metadata);
          break;
        case 'oauth-redirect': {
          // Only to an http(s) address the link token named as its redirect_uri; the frame got it from the simulator.
          const target = new URL(message.url);
          if (target.protocol === 'http:' || target.protocol === 'https:') {
            close();
            window.location.assign(target.href);
          }
          break;
        }
        default:
          break;
      }
    }

    const handler = {
      open() {
        if (destroyed || overlay) {
          return;
        }

        const url = new URL('stand-in', base);
        url.searchParams.set('token', config.token);
        if (oauthStateId) {
          url.searchParams.set('oauth_state_id', oauthStateId);
        }

        url.hash = 'origin=' + encodeURIComponent(location.origin);
        overlay = document.createElement('div');
        overlay.dataset.test = 'plaid-link-overlay';
        overlay.style.cssText = 'position:fixed;inset:0;z-index:2147483647;background:rgba(0,0,0,.45);display:flex;align-items:center;justify-content:center;';
        frame = document.createElement('iframe');
        frame.src = url.href;
        frame.title = 'Connect a bank account (Plaid Link, Sandbox)';
        frame.dataset.test = 'plaid-link-frame';
        frame.style.cssText = 'border:0;width:min(420px,100vw);height:min(640px,100vh);background:#fff;border-radius:12px;';
        overlay.appendChild(frame);
        window.addEventListener('message', receive);
        document.addEventListener('keydown', onKey);
        document.body.appendChild(overlay);
        frame.focus();
      },

      exit() {
        if (!overlay) {
          return;
        }

        close();
        callback('onExit')(null, { status: null, institution: null, link_session_id: linkSessionId, request_id: null });
      },

      destroy() {
        destroyed = true;
        close();
      },

      submit() {
        // Link's submit() is for Layer phone numbers; the stand-in has no such step.
      },
    };

    setTimeout(() => callback('onLoad')(), 0);
    return handler;
  }

  window.Plaid = Object.freeze({ create, version: 'portal-sandbox-stand-in' });
})();
