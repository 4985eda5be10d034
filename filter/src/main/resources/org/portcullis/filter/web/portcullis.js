// Portcullis' one script. On its own pages it sends each form to its action as {"attributes": {...}} and
// follows Daptin's reply items; on any page it fills the elements marked data-portcullis with who is
// signed in (GET /auth/me). No inline script or style anywhere: the pages' Content-Security-Policy forbids them.
(function () {
  'use strict';
  var SCRIPT_PATH = '/auth/portcullis.js';
  var script = document.currentScript; // only while this runs for the first time
  var context = '';
  var message = null;

  var DEFAULT_TEXTS = {
    unreachable: 'The server could not be reached. Check your connection and try again.',
    retry: 'Try again in {seconds} seconds.',
    mismatch: 'The two passwords differ.',
    working: 'Please wait…'
  };

  function contextOfScript() {
    // A host page includes <script src="<context>/auth/portcullis.js">: its context is the part before.
    var path = script ? new URL(script.src, window.location.href).pathname : '';
    var at = path.lastIndexOf(SCRIPT_PATH);
    return at > 0 ? path.substring(0, at) : '';
  }

  function text(name) {
    var texts = document.getElementById('portcullis-texts');
    var node = texts && texts.content.querySelector('[data-text="' + name + '"]');
    return node ? node.textContent : DEFAULT_TEXTS[name];
  }

  function errorText(code, fallback) {
    var texts = document.getElementById('portcullis-texts');
    var node = code && texts && texts.content.querySelector('[data-code="' + CSS.escape(code) + '"]');
    return node ? node.textContent : fallback;
  }

  function plainPath(location) {
    // "/x", never "//host", "/\\host", a backslash, white space or a control character.
    return typeof location === 'string' && /^\/(?![\/\\])/.test(location) && !/[\\\s\u0000-\u001f\u007f]/.test(location);
  }

  function sameOrigin(location) {
    // Only paths inside this site, also once percent-decoded (as the server checks them).
    for (var round = 0; round < 4; round++) {
      if (!plainPath(location)) { return false; }
      var decoded;
      try { decoded = decodeURIComponent(location); } catch (e) { return false; }
      if (decoded === location) { return true; }
      location = decoded;
    }
    return false;
  }

  function show(words, kind) {
    if (!message) { return; }
    message.textContent = words;
    message.className = 'portcullis-message portcullis-' + kind;
    message.hidden = !words;
  }

  function request(method, path, payload) {
    return fetch(context + path, {
      method: method,
      // The custom header marks the request as this page's own (CSRF check, docs/security.md, "Request firewall and CSRF").
      headers: { 'Content-Type': 'application/json', 'X-Portcullis-CSRF': '1' },
      credentials: 'same-origin',
      body: payload === undefined ? undefined : JSON.stringify(payload)
    });
  }

  function attributesOf(form, submitter) {
    var only = submitter && submitter.getAttribute('data-fields');
    var fields = only ? only.split(/\s+/) : null;
    var attributes = {};
    new FormData(form).forEach(function (value, key) {
      if (!fields || fields.indexOf(key) >= 0) { attributes[key] = value; }
    });
    return attributes;
  }

  function waitText(response) {
    var seconds = parseInt(response.headers.get('Retry-After'), 10);
    return (response.status === 429 || response.status === 503) && seconds > 0 ? ' ' + text('retry').replace('{seconds}', String(seconds)) : '';
  }

  function follow(form, response, items, attributes) {
    var shown = false;
    var redirect = null;
    items.forEach(function (item) {
      var a = item.Attributes || {};
      if (item.ResponseType === 'client.notify') {
        var error = a.type === 'error' || !response.ok;
        show((error ? errorText(a.code, a.message) : a.message) + (error ? waitText(response) : ''),
          error ? 'error' : 'success');
        shown = true;
      } else if (item.ResponseType === 'client.redirect' && sameOrigin(a.location)) {
        redirect = a;
      }
    });
    if (!shown && !response.ok) { show(text('unreachable') + waitText(response), 'error'); }
    if (!response.ok) { return; }
    var next = form.getAttribute('data-next');
    var after = form.getAttribute('data-after');
    var target = null;
    var delay = 0;
    if (next && sameOrigin(next)) {
      target = next; // only the sign-in page has a next
    } else if (after) {
      target = context + after.replace('{email}', encodeURIComponent(attributes.email || ''));
    } else if (redirect) {
      target = redirect.location;
    }
    if (redirect) { delay = Math.min(redirect.delay || 0, 2000); }
    if (target && sameOrigin(target)) {
      setTimeout(function () { window.location.assign(target); }, after && !redirect ? 1500 : delay);
    }
  }

  function send(form, submitter) {
    var action = (submitter && submitter.getAttribute('data-action')) || form.getAttribute('data-action');
    var attributes = attributesOf(form, submitter);
    if ('passwordConfirm' in attributes && attributes.password !== attributes.passwordConfirm) {
      show(text('mismatch'), 'error');
      return;
    }
    var button = submitter || form.querySelector('button');
    if (button) { button.setAttribute('aria-busy', 'true'); button.disabled = true; }
    show('', 'success');
    request('POST', '/action/' + action, { attributes: attributes }).then(function (response) {
      return response.json().catch(function () { return []; }).then(function (items) {
        follow(form, response, Array.isArray(items) ? items : [], attributes);
      });
    }).catch(function () {
      show(text('unreachable'), 'error');
    }).then(function () {
      if (button) { button.removeAttribute('aria-busy'); button.disabled = false; }
    });
  }

  function start() {
    var ownPage = document.body.classList.contains('portcullis');
    context = ownPage ? document.body.getAttribute('data-context') || '' : contextOfScript();
    message = document.getElementById('portcullis-message');
    document.querySelectorAll('form[data-action]').forEach(listen);
    signedInAs(document.querySelectorAll('[data-portcullis]'));
  }

  function listen(form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var submitter = event.submitter;
      var only = submitter && submitter.getAttribute('data-fields');
      if (only) {
        // A button that sends a few fields (e.g. "send a new code") checks only those.
        var valid = only.split(/\s+/).every(function (name) {
          var field = form.elements.namedItem(name);
          return !field || field.reportValidity();
        });
        if (!valid) { return; }
      }
      send(form, submitter);
    });
  }

  // "Signed in as": <span data-portcullis="email"></span>, "name", and the blocks
  // data-portcullis="signed-in" / "guest" shown only then.
  function signedInAs(marked) {
    if (marked.length === 0) { return; }
    request('GET', '/auth/me').then(function (response) {
      return response.ok ? response.json() : { signed_in: false };
    }).then(function (me) {
      marked.forEach(function (element) {
        var what = element.getAttribute('data-portcullis');
        if (what === 'signed-in') {
          element.hidden = !me.signed_in;
        } else if (what === 'guest') {
          element.hidden = !!me.signed_in;
        } else if (what === 'email' || what === 'name') {
          element.textContent = me.signed_in && me[what] ? me[what] : '';
        }
      });
    }).catch(function () { /* the host's page stays as it was */ });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
