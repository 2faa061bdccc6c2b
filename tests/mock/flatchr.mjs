// Flatchr routes. Errors use the Hapi/Boom shape {statusCode, error, message} and
// follow Hapi's order: authenticate (401) -> authorise (403) -> validate payload
// (400) -> handler (404 for unknown company / applicant).

import {
  FLATCHR_API_KEY,
  FLATCHR_USER_TOKEN,
  FLATCHR_LOGIN,
  FLATCHR_RECRUITER_ID,
} from './fixtures.mjs';
import { newFlatchrId } from './state.mjs';
import { sendJson, sendBoom, parseJsonBody, isPlainObject } from './http-util.mjs';

const ROLES_BY_TOKEN = new Map([
  [FLATCHR_API_KEY, 'company'],
  [FLATCHR_USER_TOKEN, 'user'],
]);

/** Only returned when named in `?fields=`. Everything else is always returned. */
const OPTIONAL_FIELDS = new Set(['author', 'replied', 'mail', 'attachments', 'candidate']);

const ALLOWED_METHOD = { login: 'POST', list: 'GET', send: 'POST' };

/**
 * `route` = { kind: 'login' } | { kind: 'list' | 'send', companyId, applicantId }.
 */
export function handleFlatchr(ctx, route) {
  if (ctx.method !== ALLOWED_METHOD[route.kind]) return sendBoom(ctx.res, 404, 'Not Found');
  if (route.kind === 'login') return login(ctx);

  const role = authenticate(ctx.headers.authorization);
  if (role.error) {
    return sendBoom(ctx.res, 401, role.error, { 'www-authenticate': 'Bearer' });
  }
  return route.kind === 'list' ? list(ctx, route) : send(ctx, route, role.role);
}

/** Returns { role } or { error: message }. Only the Bearer scheme is accepted. */
function authenticate(header) {
  const match = /^(\S+)\s+(\S+)\s*$/.exec((header ?? '').trim());
  if (!match || match[1].toLowerCase() !== 'bearer') return { error: 'Missing authentication' };
  const role = ROLES_BY_TOKEN.get(match[2]);
  return role ? { role } : { error: 'Invalid token' };
}

function login({ res, body }) {
  const parsed = parseJsonBody(body);
  if (!parsed.ok) return sendBoom(res, 400, 'Invalid request payload JSON format');
  const { email, password } = isPlainObject(parsed.value) ? parsed.value : {};
  const valid = typeof email === 'string'
    && email.toLowerCase() === FLATCHR_LOGIN.email
    && password === FLATCHR_LOGIN.password;
  if (!valid) return sendBoom(res, 401, 'Invalid email or password');
  sendJson(res, 200, { statusCode: 200, token: FLATCHR_USER_TOKEN });
}

/** Returns the applicant's message array, or answers 404 and returns null. */
function findApplicant({ res, state }, { companyId, applicantId }) {
  const company = state.flatchr.companies.get(companyId);
  if (!company) {
    sendBoom(res, 404, 'Company not found');
    return null;
  }
  const messages = company.get(applicantId);
  if (!messages) {
    sendBoom(res, 404, 'Applicant not found');
    return null;
  }
  return messages;
}

function list(ctx, route) {
  const messages = findApplicant(ctx, route);
  if (!messages) return;
  const requested = requestedFields(ctx.searchParams);
  sendJson(ctx.res, 200, messages.map((m) => project(m, requested)));
}

/** Union of every `fields` parameter, comma separated; unknown names are ignored. */
function requestedFields(searchParams) {
  return new Set(
    searchParams.getAll('fields').flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean),
  );
}

function project(message, requested) {
  return Object.fromEntries(
    Object.entries(message).filter(([key]) => !OPTIONAL_FIELDS.has(key) || requested.has(key)),
  );
}

function send(ctx, route, role) {
  const { res, body } = ctx;
  if (role !== 'user') return sendBoom(res, 403, 'User token required');

  const parsed = parseJsonBody(body);
  if (!parsed.ok) return sendBoom(res, 400, 'Invalid request payload JSON format');
  if (!isPlainObject(parsed.value)) return sendBoom(res, 400, '"value" must be of type object');
  const input = parsed.value;
  if (input.html === undefined || input.html === null || input.html === '') {
    return sendBoom(res, 400, '"html" is required');
  }
  if (typeof input.html !== 'string') return sendBoom(res, 400, '"html" must be a string');

  const messages = findApplicant(ctx, route);
  if (!messages) return;
  const message = createMessage(input);
  messages.push(message);
  sendJson(res, 200, message);
}

function createMessage(input) {
  return {
    id: newFlatchrId(),
    created_by: FLATCHR_RECRUITER_ID,
    created_at: new Date().toISOString(),
    auto: false,
    mail: {
      subject: input.subject ?? null,
      text: input.html.replace(/<[^>]*>/g, ''),
      html: input.html,
      status: null,
    },
    delivered: false,
  };
}
