// Sends the page's form to its action as {"attributes": {...}} and follows Daptin's reply items.
(function () {
  'use strict';
  var form = document.getElementById('portcullis-form');
  var message = document.getElementById('message');
  var context = document.body.getAttribute('data-context') || '';
  var next = document.body.getAttribute('data-next') || '';

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

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var attributes = {};
    new FormData(form).forEach(function (value, key) { attributes[key] = value; });
    message.textContent = '';
    fetch(context + '/action/' + form.getAttribute('data-action'), {
      method: 'POST',
      // The custom header marks the request as this page's own (CSRF check, docs/security.md, "Request firewall and CSRF").
      headers: { 'Content-Type': 'application/json', 'X-Portcullis-CSRF': '1' },
      credentials: 'same-origin',
      body: JSON.stringify({ attributes: attributes })
    }).then(function (response) {
      return response.json();
    }).then(function (items) {
      items.forEach(function (item) {
        var a = item.Attributes || {};
        if (item.ResponseType === 'client.notify') {
          message.textContent = a.message;
          message.className = a.type === 'error' ? 'error' : 'success';
        } else if (item.ResponseType === 'client.redirect' && sameOrigin(a.location)) {
          var target = next && sameOrigin(next) ? next : a.location; // only the sign-in page has a next
          setTimeout(function () { window.location.assign(target); }, Math.min(a.delay || 0, 2000));
        }
      });
    }).catch(function () {
      message.textContent = 'The server could not be reached.';
      message.className = 'error';
    });
  });
}());
