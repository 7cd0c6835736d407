// Passkeys as Haven's second factor, through Spring Security's WebAuthn endpoints: registering one from the account
// page, and giving one after the password. Each request carries the page's CSRF token in a header.

function toBase64Url(buffer) {
  const text = String.fromCharCode(...new Uint8Array(buffer));
  return window.btoa(text).replace(/=/g, '').replace(/\+/g, '-').replace(/\//g, '_');
}

function fromBase64Url(value) {
  const text = window.atob(value.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(text, (c) => c.charCodeAt(0)).buffer;
}

async function postJson(url, button, body) {
  const headers = { 'Content-Type': 'application/json' };
  headers[button.dataset.csrfHeader] = button.dataset.csrfToken;
  const response = await fetch(url, { method: 'POST', headers, body: body ? JSON.stringify(body) : undefined });
  if (!response.ok) {
    throw new Error('HTTP ' + response.status);
  }
  return response.json();
}

function showError(id) {
  const error = document.getElementById(id);
  if (error) {
    error.hidden = false;
    error.focus();
  }
}

async function signInWithPasskey(button) {
  const options = await postJson('/webauthn/authenticate/options', button);
  const credential = await navigator.credentials.get({
    publicKey: {
      ...options,
      challenge: fromBase64Url(options.challenge),
      allowCredentials: (options.allowCredentials || []).map((c) => ({ ...c, id: fromBase64Url(c.id) }))
    }
  });
  const response = credential.response;
  const result = await postJson('/login/webauthn', button, {
    id: credential.id,
    rawId: toBase64Url(credential.rawId),
    response: {
      authenticatorData: toBase64Url(response.authenticatorData),
      clientDataJSON: toBase64Url(response.clientDataJSON),
      signature: toBase64Url(response.signature),
      userHandle: response.userHandle ? toBase64Url(response.userHandle) : undefined
    },
    credType: credential.type,
    clientExtensionResults: credential.getClientExtensionResults(),
    authenticatorAttachment: credential.authenticatorAttachment
  });
  if (!(result && result.authenticated && result.redirectUrl)) {
    throw new Error('Not accepted');
  }
  window.location.href = result.redirectUrl;
}

async function registerPasskey(button, label) {
  const options = await postJson('/webauthn/register/options', button);
  const credential = await navigator.credentials.create({
    publicKey: {
      ...options,
      user: { ...options.user, id: fromBase64Url(options.user.id) },
      challenge: fromBase64Url(options.challenge),
      excludeCredentials: (options.excludeCredentials || []).map((c) => ({ ...c, id: fromBase64Url(c.id) }))
    }
  });
  const response = credential.response;
  const result = await postJson('/webauthn/register', button, {
    publicKey: {
      credential: {
        id: credential.id,
        rawId: toBase64Url(credential.rawId),
        response: {
          attestationObject: toBase64Url(response.attestationObject),
          clientDataJSON: toBase64Url(response.clientDataJSON),
          transports: response.getTransports ? response.getTransports() : []
        },
        type: credential.type,
        clientExtensionResults: credential.getClientExtensionResults(),
        authenticatorAttachment: credential.authenticatorAttachment
      },
      label
    }
  });
  if (!(result && result.success)) {
    throw new Error('Not registered');
  }
  window.location.href = button.dataset.next;
}

const signIn = document.getElementById('passkey-sign-in');
if (signIn) {
  signIn.addEventListener('click', () => signInWithPasskey(signIn).catch(() => showError('passkey-error')));
}

const register = document.getElementById('passkey-register');
if (register) {
  register.addEventListener('click', () => {
    const label = document.getElementById('passkeyLabel').value.trim();
    if (!label) {
      showError('passkeyLabel-error');
      return;
    }
    registerPasskey(register, label).catch(() => showError('passkey-error'));
  });
}
