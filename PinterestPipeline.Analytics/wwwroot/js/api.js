// Calls to the service's JSON API. Failures become an ApiError whose message says what was asked and why it failed
// (the API's own { "error": ... } text when it sent one).

export class ApiError extends Error {
  constructor(message, status, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

async function send(path, init) {
  try {
    return await fetch(path, { cache: 'no-store', ...init, headers: { Accept: 'application/json', ...init?.headers } });
  } catch (error) {
    throw new ApiError(`Cannot reach the analytics service (${path}): ${error.message}`, 0, null);
  }
}

async function bodyOf(response) {
  const text = await response.text();
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

function errorOf(path, response, body) {
  const detail = body?.error ?? body?.title ?? body?.detail ?? (typeof body === 'string' && body) ?? response.statusText;
  return new ApiError(`${path} answered ${response.status}: ${detail}`, response.status, body);
}

/** GET a JSON document; null for a 404 when notFoundIsNull is set. */
export async function getJson(path, { notFoundIsNull = false } = {}) {
  const response = await send(path);
  const body = await bodyOf(response);
  if (response.ok) {
    return body;
  }
  if (notFoundIsNull && response.status === 404) {
    return null;
  }
  throw errorOf(path, response, body);
}

/** POST without a body; returns the status and the parsed answer, whatever the status (the caller decides). */
export async function post(path) {
  const response = await send(path, { method: 'POST' });
  const body = await bodyOf(response);
  return { status: response.status, body, error: response.ok ? null : errorOf(path, response, body) };
}
