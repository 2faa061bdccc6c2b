// Tiledesk message routes, modelled on tiledesk-server 2.19.16 (routes/message.js and
// the project / passport middleware in front of it). See README.md in this folder.

import { TILEDESK_USERS } from './fixtures.mjs';
import { requestKey, newObjectId } from './state.mjs';
import { sendJson, sendText, parseJsonBody, isPlainObject } from './http-util.mjs';

const OBJECT_ID = /^[0-9a-fA-F]{24}$/;
// Strict base64 (with padding): a garbled Basic header is a 400, not a 401.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const ALLOWED_METHODS = { list: ['GET', 'POST'], one: ['GET'] };

/**
 * Handles `.../:projectId/requests/:requestId/messages[/:messageId]`.
 * `route` = { kind: 'list' | 'one', projectId, requestId, messageId? }.
 */
export function handleTiledesk(ctx, route) {
  const { res, method, state } = ctx;
  if (!ALLOWED_METHODS[route.kind].includes(method)) {
    return sendText(res, 404, `Cannot ${method} ${ctx.rawPath}`);
  }

  // The real server checks the project before authenticating.
  const { projectId } = route;
  if (!OBJECT_ID.test(projectId)) {
    return sendJson(res, 400, { error: `Invalid project id: ${projectId}` });
  }
  const project = state.tiledesk.projects.get(projectId.toLowerCase());
  if (!project) {
    return sendJson(res, 400, { error: `Project not found with id: ${projectId}` });
  }

  const auth = authenticate(ctx.headers.authorization);
  if (auth.badRequest) return sendText(res, 400, 'Bad Request');
  if (!auth.user) {
    return sendText(res, 401, 'Unauthorized', { 'www-authenticate': 'Basic realm="Users"' });
  }
  if (!project.members.has(auth.user._id)) {
    return sendJson(res, 403, { success: false, msg: 'you dont belong to the project.' });
  }

  const call = { ...ctx, project, user: auth.user, route };
  if (route.kind === 'one') return getOne(call);
  return method === 'GET' ? list(call) : post(call);
}

// --- Authentication --------------------------------------------------------

/**
 * Returns { user } on success, { badRequest: true } for a malformed Basic header,
 * and {} for everything else that must be a 401 (missing, Bearer, unknown, wrong).
 */
export function authenticate(header) {
  const match = /^(\S+)(?:\s+([\s\S]*))?$/.exec((header ?? '').trim());
  if (!match) return {};
  const scheme = match[1].toLowerCase();
  const param = (match[2] ?? '').trim();
  if (scheme === 'basic') return basicAuth(param);
  if (scheme === 'jwt') {
    // A doubled prefix ("JWT JWT eyJ...") leaves "JWT eyJ..." here: no match, 401.
    const user = TILEDESK_USERS.find((u) => u.jwt && u.jwt === param);
    return user ? { user } : {};
  }
  return {};
}

function basicAuth(param) {
  if (param === '' || !BASE64.test(param)) return { badRequest: true };
  const decoded = Buffer.from(param, 'base64').toString('utf8');
  const parts = decoded.split(':');
  if (parts.length < 2) return { badRequest: true };
  // Like passport-http, only the text between the first and second colon is the
  // password: "user:pa:ss" authenticates as password "pa".
  const [email, password] = parts;
  const user = TILEDESK_USERS.find((u) => u.email === email.toLowerCase() && u.password === password);
  return user ? { user } : {};
}

// --- Routes ----------------------------------------------------------------

function list({ res, state, project, route }) {
  const messages = [...state.tiledesk.messages.values()]
    .filter((m) => m.recipient === route.requestId && m.id_project === project._id)
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  sendJson(res, 200, messages);
}

function getOne({ res, state, route }) {
  // Mongoose findById: a malformed id is a CastError, answered as a 500.
  if (!OBJECT_ID.test(route.messageId)) {
    return sendJson(res, 500, { success: false, msg: 'Error getting object.' });
  }
  const message = state.tiledesk.messages.get(route.messageId.toLowerCase());
  if (!message) return sendJson(res, 404, { success: false, msg: 'Object not found.' });
  sendJson(res, 200, message);
}

function post({ req, res, state, project, user, route, body }) {
  const parsed = parseTiledeskBody(req, body);
  if (!parsed.ok) return sendText(res, 400, 'Bad Request');
  const input = parsed.value;

  const key = requestKey(project._id, route.requestId);
  let request = state.tiledesk.requests.get(key);
  if (!request) {
    // The real server validates `text` only on this branch: an existing request
    // accepts a message without text.
    if (!input.text && (!input.type || input.type === 'text')) {
      return sendJson(res, 422, { errors: ['text field is required'] });
    }
    request = createRequest(project, route.requestId, user, input);
    state.tiledesk.requests.set(key, request);
  }

  if (input.type === 'file' && !input.metadata?.type) {
    // The real server never answers this one; the socket stays open until the
    // client gives up or the mock closes.
    return;
  }

  const message = createMessage(project, route.requestId, user, input);
  state.tiledesk.messages.set(message._id, message);
  request.updatedAt = message.createdAt;
  sendJson(res, 200, { ...message, request });
}

/**
 * body-parser only parses bodies labelled JSON; anything else leaves `req.body` = {}.
 * A JSON primitive is rejected like body-parser's strict mode does.
 */
function parseTiledeskBody(req, text) {
  const contentType = req.headers['content-type'] ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(contentType)) return { ok: true, value: {} };
  const parsed = parseJsonBody(text);
  if (!parsed.ok || parsed.value === null || typeof parsed.value !== 'object') return { ok: false };
  return { ok: true, value: isPlainObject(parsed.value) ? parsed.value : {} };
}

function fullName(user) {
  return `${user.firstname} ${user.lastname}`;
}

function createRequest(project, requestId, user, input) {
  const now = new Date().toISOString();
  return {
    _id: newObjectId(),
    request_id: requestId,
    id_project: project._id,
    first_text: input.text,
    // Only a brand-new request remembers these (they are ignored afterwards).
    departmentid: input.departmentid,
    sourcePage: input.sourcePage,
    language: input.language,
    userAgent: input.userAgent,
    attributes: input.attributes,
    status: 200,
    createdBy: user._id,
    createdAt: now,
    updatedAt: now,
  };
}

function createMessage(project, requestId, user, input) {
  const now = new Date().toISOString();
  return {
    _id: newObjectId(),
    type: input.type ?? 'text',
    channel_type: 'group',
    channel: { name: 'chat21' },
    status: 0, // SENDING: the real default, not the 200 the seed example shows
    sender: user._id,
    senderFullname: fullName(user),
    recipient: requestId,
    text: input.text,
    metadata: input.metadata,
    attributes: input.attributes,
    language: input.language,
    id_project: project._id,
    createdBy: user._id,
    createdAt: now,
    updatedAt: now,
    __v: 0,
  };
}
