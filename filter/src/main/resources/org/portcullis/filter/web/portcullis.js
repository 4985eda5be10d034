// Sends the page's form to its action as {"attributes": {...}} and follows Daptin's reply items.
(function () {
  'use strict';
  var form = document.getElementById('portcullis-form');
  var message = document.getElementById('message');
  var context = document.body.getAttribute('data-context') || '';

  function sameOrigin(location) {
    // Only paths inside this site: "/x", never "//host" or "/\host".
    return typeof location === 'string' && /^\/(?![\/\\])/.test(location);
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var attributes = {};
    new FormData(form).forEach(function (value, key) { attributes[key] = value; });
    message.textContent = '';
    fetch(context + '/action/' + form.getAttribute('data-action'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
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
          setTimeout(function () { window.location.assign(a.location); }, Math.min(a.delay || 0, 2000));
        }
      });
    }).catch(function () {
      message.textContent = 'The server could not be reached.';
      message.className = 'error';
    });
  });
}());
