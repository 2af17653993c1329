/**
 * A stand-in for Stripe.js (https://js.stripe.com/v3), which the offline browser tests cannot
 * load: served with Playwright's `route` in place of Stripe's files, it implements the part of
 * Stripe's documented API the web client's card form uses (docs.stripe.com/js):
 *
 * - `Stripe(publishableKey)` — throws on a key that is not `pk_test_…`/`pk_live_…`, as Stripe.js does;
 * - `stripe.elements().create('card')` — a card Element: `mount(domElement)` puts an iframe of
 *   js.stripe.com in the mount point and adds the `StripeElement` class (`--focus`, `--invalid`
 *   as the buyer types); `on('change', handler)` gets `{empty, complete, error?}`; `destroy()`;
 * - `stripe.createPaymentMethod({type: 'card', card})` — resolves `{paymentMethod}` or `{error}`
 *   with Stripe's validation messages ("Your card number is incomplete.", …);
 * - `stripe.handleNextAction({clientSecret})` — the bank's 3-D Secure challenge, as Stripe shows it
 *   in a frame over the page: Stripe's test page, whose "Complete authentication" and "Fail
 *   authentication" buttons tell api.stripe.com (the test routes it to the API stand-in's
 *   `/__stand-in/authenticate`); resolves `{paymentIntent}` or `{error}` as Stripe.js does.
 *
 * As with Stripe, the number, expiry and CVC are typed into the iframe (another origin than the
 * page) and stay there: the page's script asks the iframe for a payment method by postMessage and
 * gets back only the id, never the digits. Where Stripe would create a fresh `pm_…` at
 * api.stripe.com, the stand-in answers with the id Stripe's test mode has for that test card
 * (`pm_card_visa` for 4242 4242 4242 4242, `pm_card_visa_chargeDeclined` for 4000 0000 0000 0002,
 * `pm_card_mastercard` for 5555 5555 5555 4444): the ids the API stand-in (test/stripe-stand-in.ts)
 * charges. Any other valid number is refused as Stripe's test mode refuses a live card.
 */

/** The card Element's iframe, under the same prefix as the script (Stripe's is elements-inner-card-<hash>.html). */
export const CARD_FRAME_URL = 'https://js.stripe.com/v3/elements-inner-card-standin.html';
/** Stripe's test 3-D Secure page, framed by `handleNextAction` (Stripe's is served from hooks.stripe.com). */
export const CHALLENGE_FRAME_URL = 'https://hooks.stripe.com/3d_secure_2/test-standin.html';

/** The top-level script: `window.Stripe`. */
export const STRIPE_JS = `(function () {
  var FRAME = ${JSON.stringify(CARD_FRAME_URL)};
  var CHALLENGE = ${JSON.stringify(CHALLENGE_FRAME_URL)};
  var elementIds = 0;
  window.Stripe = function (key) {
    if (!/^pk_(test|live)_\\w+$/.test(String(key))) throw new Error('IntegrationError: Invalid API Key provided: ' + key);
    return {
      elements: function () {
        return {
          create: function (type) {
            if (type !== 'card') throw new Error('IntegrationError: the stand-in knows only the card Element, not ' + type);
            var id = 'card-' + ++elementIds, handlers = [], frame = null, container = null;
            function onMessage(e) {
              if (!frame || e.source !== frame.contentWindow || !e.data || e.data.element !== id) return;
              if (e.data.type === 'focus') container.classList.toggle('StripeElement--focus', e.data.focused);
              if (e.data.type !== 'change') return;
              container.classList.toggle('StripeElement--invalid', Boolean(e.data.event.error));
              container.classList.toggle('StripeElement--complete', e.data.event.complete);
              handlers.forEach(function (h) { h(Object.assign({ elementType: 'card' }, e.data.event)); });
            }
            return {
              mount: function (el) {
                container = typeof el === 'string' ? document.querySelector(el) : el;
                container.classList.add('StripeElement', 'StripeElement--empty');
                frame = document.createElement('iframe');
                frame.name = '__privateStripeFrame' + id;
                frame.title = 'Secure card payment input frame';
                frame.setAttribute('frameborder', '0');
                // Set through the CSSOM, as Stripe.js does: no inline style for the page's CSP to refuse.
                frame.style.border = '0';
                frame.style.width = '100%';
                frame.style.height = '1.6em';
                frame.src = FRAME + '#' + id;
                container.appendChild(frame);
                window.addEventListener('message', onMessage);
              },
              on: function (event, handler) { if (event === 'change') handlers.push(handler); },
              destroy: function () {
                window.removeEventListener('message', onMessage);
                if (frame) frame.remove();
                if (container) container.classList.remove('StripeElement', 'StripeElement--empty', 'StripeElement--focus', 'StripeElement--invalid', 'StripeElement--complete');
                frame = null;
              },
              __frame: function () { return frame; },
              __id: id,
            };
          },
        };
      },
      createPaymentMethod: function (data) {
        if (!data || data.type !== 'card' || !data.card || !data.card.__frame) return Promise.reject(new Error('IntegrationError: createPaymentMethod needs {type: "card", card: <a card Element>}'));
        var frame = data.card.__frame();
        if (!frame) return Promise.reject(new Error('IntegrationError: the card Element is not mounted'));
        return new Promise(function (resolve) {
          var ask = Math.random().toString(36).slice(2);
          window.addEventListener('message', function answer(e) {
            if (e.source !== frame.contentWindow || !e.data || e.data.type !== 'payment_method' || e.data.ask !== ask) return;
            window.removeEventListener('message', answer);
            resolve(e.data.result);
          });
          frame.contentWindow.postMessage({ type: 'create_payment_method', ask: ask }, 'https://js.stripe.com');
        });
      },
      handleNextAction: function (options) {
        if (!options || !options.clientSecret) return Promise.reject(new Error('IntegrationError: handleNextAction needs {clientSecret}'));
        return new Promise(function (resolve) {
          var challenge = document.createElement('iframe');
          challenge.title = '3D Secure authentication';
          challenge.style.position = 'fixed';
          challenge.style.inset = '10% 20%';
          challenge.style.width = '60%';
          challenge.style.height = '60%';
          challenge.style.background = 'white';
          challenge.style.border = '1px solid #888';
          challenge.style.zIndex = '1000';
          challenge.src = CHALLENGE + '#' + encodeURIComponent(options.clientSecret);
          window.addEventListener('message', function answer(e) {
            if (e.source !== challenge.contentWindow || !e.data || e.data.type !== 'challenge_result') return;
            window.removeEventListener('message', answer);
            challenge.remove();
            resolve(e.data.result);
          });
          document.body.appendChild(challenge);
        });
      },
    };
  };
})();`;

/** The card Element's iframe: the inputs, their checks, and the test cards' payment methods. */
export const CARD_FRAME = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><style>
  body { margin: 0; font: 16px system-ui, sans-serif; } form { display: flex; gap: 0.5rem; }
  input { border: 0; outline: 0; font: inherit; min-width: 0; } #number { flex: 3; } #exp { flex: 1; } #cvc { flex: 1; }
</style></head><body>
<form onsubmit="return false">
  <input id="number" aria-label="Credit or debit card number" placeholder="Card number" inputmode="numeric" autocomplete="cc-number">
  <input id="exp" aria-label="Credit or debit card expiration date" placeholder="MM / YY" inputmode="numeric" autocomplete="cc-exp">
  <input id="cvc" aria-label="Credit or debit card CVC/CVV" placeholder="CVC" inputmode="numeric" autocomplete="cc-csc">
</form>
<script>
  var element = location.hash.slice(1);
  var TEST_CARDS = { '4242424242424242': 'pm_card_visa', '4000000000000002': 'pm_card_visa_chargeDeclined', '5555555555554444': 'pm_card_mastercard', '4000002760003184': 'pm_card_authenticationRequired' };
  var field = function (id) { return document.getElementById(id); };
  var digits = function (id) { return field(id).value.replace(/\\D/g, ''); };
  function luhn(n) {
    var sum = 0;
    for (var i = 0; i < n.length; i++) { var d = Number(n[n.length - 1 - i]); if (i % 2) { d *= 2; if (d > 9) d -= 9; } sum += d; }
    return sum % 10 === 0;
  }
  function invalid(code, message) { return { type: 'validation_error', code: code, message: message }; }
  // Stripe.js's own messages for what the buyer typed.
  function check(final) {
    var number = digits('number'), exp = digits('exp'), cvc = digits('cvc');
    if (number.length < 16) { if (final) return invalid('incomplete_number', 'Your card number is incomplete.'); }
    else if (!luhn(number)) return invalid('invalid_number', 'Your card number is invalid.');
    if (exp.length === 4 || exp.length === 6) {
      var month = Number(exp.slice(0, 2)), year = exp.length === 4 ? 2000 + Number(exp.slice(2)) : Number(exp.slice(2)), now = new Date();
      if (month < 1 || month > 12) return invalid('invalid_expiry_month', "Your card's expiration date is invalid.");
      if (year * 12 + month < now.getFullYear() * 12 + now.getMonth() + 1) return invalid('invalid_expiry_year_past', "Your card's expiration year is in the past.");
    } else if (final) return invalid('incomplete_expiry', "Your card's expiration date is incomplete.");
    if (final && cvc.length < 3) return invalid('incomplete_cvc', "Your card's security code is incomplete.");
    return undefined;
  }
  function send(message) { message.element = element; parent.postMessage(message, '*'); }
  ['number', 'exp', 'cvc'].forEach(function (id) {
    field(id).addEventListener('input', function () {
      var error = check(false), empty = !digits('number') && !digits('exp') && !digits('cvc');
      send({ type: 'change', event: { empty: empty, complete: !check(true), error: error } });
    });
    field(id).addEventListener('focus', function () { send({ type: 'focus', focused: true }); });
    field(id).addEventListener('blur', function () { send({ type: 'focus', focused: false }); });
  });
  window.addEventListener('message', function (e) {
    if (e.source !== parent || !e.data || e.data.type !== 'create_payment_method') return;
    var error = check(true), number = digits('number'), pm = TEST_CARDS[number];
    var result = error ? { error: error }
      : pm ? { paymentMethod: { id: pm, object: 'payment_method', type: 'card', card: { last4: number.slice(-4) } } }
      : { error: { type: 'card_error', code: 'card_declined', message: 'Your card was declined. Your request was in test mode, but used a non test (live) card. For a list of valid test cards, visit: https://stripe.com/docs/testing.' } };
    e.source.postMessage({ type: 'payment_method', ask: e.data.ask, result: result }, e.origin);
  });
</script></body></html>`;

/** Stripe's test 3-D Secure page: the buyer's answer goes to api.stripe.com, and its outcome back to Stripe.js. */
export const CHALLENGE_FRAME = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>3D Secure 2 Test Page</title></head><body>
<h1>3D Secure 2 Test Page</h1>
<p>This is a test payment: complete or fail the authentication.</p>
<button id="complete">Complete authentication</button> <button id="fail">Fail authentication</button>
<script>
  var secret = decodeURIComponent(location.hash.slice(1));
  function answer(approve) {
    fetch('https://api.stripe.com/__stand-in/authenticate', { method: 'POST', body: JSON.stringify({ client_secret: secret, approve: approve }) })
      .then(function (res) { return res.json(); })
      .then(function (result) { parent.postMessage({ type: 'challenge_result', result: result }, '*'); });
  }
  document.getElementById('complete').addEventListener('click', function () { answer(true); });
  document.getElementById('fail').addEventListener('click', function () { answer(false); });
</script></body></html>`;
