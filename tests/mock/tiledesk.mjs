// Tiledesk message routes, modelled on tiledesk-server 2.19.16 (routes/message.js and
// the project / passport middleware in front of it). See README.md in this folder.

import { TILEDESK_USERS } from './fixtures.mjs';
import { requestKey, newObjectId, nextTimestamp } from './state.mjs';
import { send, sendJson, sendText, parseJsonBody, isPlainObject } from './http-util.mjs';

const OBJECT_ID = /^[0-9a-fA-F]{24}$/;
// Strict base64 (with padding): a garbled Basic header is a 400, not a 401.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const ALLOWED_METHODS = { list: ['GET', 'POST'], one: ['GET'], multi: ['POST'], csv: ['GET'], project: ['GET', 'POST'] };

/**
 * Handles `.../:projectId/requests/:requestId/messages[/:messageId]` and
 * `.../:projectId/messages`.
 * `route` = { kind: 'list' | 'one' | 'project', projectId, requestId?, messageId? }.
 */
export function handleTiledesk(ctx, route) {
  const { res, method, state } = ctx;
  // Express tries `POST /multi` and `GET /csv` before `/:messageid`.
  if (route.kind === 'one' && route.messageId === 'multi' && method === 'POST') route = { ...route, kind: 'multi' };
  if (route.kind === 'one' && route.messageId === 'csv' && method === 'GET') route = { ...route, kind: 'csv' };
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

  const auth = authenticate(ctx.headers.authorization, state);
  if (auth.badRequest) return sendText(res, 400, 'Bad Request');
  if (!auth.user) {
    return sendText(res, 401, 'Unauthorized', { 'www-authenticate': 'Basic realm="Users"' });
  }
  if (!project.members.has(auth.user._id)) {
    return sendJson(res, 403, { success: false, msg: 'you dont belong to the project.' });
  }

  const call = { ...ctx, project, user: auth.user, route };
  if (route.kind === 'one') return getOne(call);
  if (route.kind === 'multi') return postMulti(call);
  if (route.kind === 'csv') return csv(call);
  if (route.kind === 'project') {
    if (method === 'POST') return postDirect(call);
    if (!project.owners.has(auth.user._id)) {
      return sendJson(res, 403, { success: false, msg: 'you dont have the required role.' });
    }
    return listProject(call);
  }
  return method === 'GET' ? list(call) : post(call);
}

// --- Authentication --------------------------------------------------------

/**
 * Returns { user } on success, { badRequest: true } for a malformed Basic header,
 * and {} for everything else that must be a 401 (missing, Bearer, unknown, wrong).
 */
export function authenticate(header, state) {
  const match = /^(\S+)(?:\s+([\s\S]*))?$/.exec((header ?? '').trim());
  if (!match) return {};
  const scheme = match[1].toLowerCase();
  const param = (match[2] ?? '').trim();
  if (scheme === 'basic') return basicAuth(param);
  if (scheme === 'jwt') {
    // A doubled prefix ("JWT JWT eyJ...") leaves "JWT eyJ..." here: no match, 401.
    const user = TILEDESK_USERS.find((u) => u.jwt && u.jwt === param) ?? state?.tiledesk.sessions.get(param);
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

/** The messages of a request, `createdAt` ascending. */
function requestMessages(state, project, requestId) {
  return [...state.tiledesk.messages.values()]
    .filter((m) => m.recipient === requestId && m.id_project === project._id)
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
}

function list({ res, state, project, route }) {
  sendJson(res, 200, requestMessages(state, project, route.requestId));
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

  const message = createMessage(project, route.requestId, user, input, nextTimestamp(state.tiledesk));
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
  return [user.firstname, user.lastname].filter(Boolean).join(' ');
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

function createMessage(project, requestId, user, input, now = new Date().toISOString()) {
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

// --- More message routes (routes/message.js, routes/messagesRoot.js) ---------

/**
 * `POST .../messages/multi`: a JSON array of messages for an EXISTING request,
 * inserted one after the other; 200 with the created messages. Nothing is
 * validated per message (as in the real route).
 */
function postMulti({ req, res, state, project, user, route, body }) {
  const contentType = req.headers['content-type'] ?? '';
  let input = {};
  if (/^application\/([\w.+-]+\+)?json\b/i.test(contentType)) {
    const parsed = parseJsonBody(body);
    if (!parsed.ok || parsed.value === null || typeof parsed.value !== 'object') return sendText(res, 400, 'Bad Request');
    input = parsed.value;
  }
  const request = state.tiledesk.requests.get(requestKey(project._id, route.requestId));
  if (!request) return sendJson(res, 404, { success: false, msg: "Request doesn't exist." });
  // The real route calls req.body.forEach: anything but an array fails the insert.
  if (!Array.isArray(input)) return sendJson(res, 500, { success: false, msg: 'Error inserting multiple messages.' });
  const created = input.map((item) => {
    const fields = isPlainObject(item) ? item : {};
    const message = createMessage(project, route.requestId, user, fields, nextTimestamp(state.tiledesk));
    message.sender = fields.sender || user._id;
    message.senderFullname = fields.senderFullname || fullName(user);
    message.status = fields.status || 0;
    state.tiledesk.messages.set(message._id, message);
    return message;
  });
  if (created.length > 0) request.updatedAt = created.at(-1).createdAt;
  sendJson(res, 200, created);
}

/** The columns of the CSV export, in order. */
export const CSV_COLUMNS = Object.freeze([
  '_id', 'createdAt', 'sender', 'senderFullname', 'recipient', 'type', 'text', 'status', 'channel_type', 'language',
]);

/** One CSV field: always quoted, quotes doubled; objects as JSON. */
function csvField(value) {
  if (value === undefined || value === null) return '""';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return `"${text.replaceAll('"', '""')}"`;
}

/** `GET .../messages/csv`: the request's messages as CSV, `;` separated, oldest first, a header line. */
function csv({ res, state, project, route }) {
  const lines = [CSV_COLUMNS.join(';')];
  for (const message of requestMessages(state, project, route.requestId)) {
    lines.push(CSV_COLUMNS.map((column) => csvField(message[column])).join(';'));
  }
  send(res, 200, `${lines.join('\n')}\n`, 'text/csv; charset=utf-8', { 'content-disposition': 'attachment; filename=export.csv' });
}

/**
 * `GET .../:projectId/messages?limit=&page=&populate_request=` (owners only):
 * newest first; `limit` defaults to 10 and anything above 50 silently becomes 10;
 * `page` is 0-based; any non-empty `populate_request` adds `request`.
 */
function listProject({ res, state, project, searchParams }) {
  const DEFAULT_LIMIT = 10;
  let limit = DEFAULT_LIMIT;
  if (searchParams.get('limit')) limit = Number.parseInt(searchParams.get('limit'), 10);
  if (!(limit >= 0) || limit > 50) limit = DEFAULT_LIMIT;
  let page = 0;
  if (searchParams.get('page')) page = Number(searchParams.get('page'));
  if (!Number.isInteger(page) || page < 0) page = 0;
  const all = [...state.tiledesk.messages.values()]
    .filter((m) => m.id_project === project._id)
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || (a._id < b._id ? 1 : -1));
  let messages = all.slice(page * limit, page * limit + limit);
  if (searchParams.get('populate_request')) {
    messages = messages.map((m) => ({
      ...m,
      request: state.tiledesk.requests.get(requestKey(m.id_project, m.recipient)) ?? null,
    }));
  }
  sendJson(res, 200, messages);
}

/**
 * `POST .../:projectId/messages`: a direct message. `recipient`,
 * `recipientFullname` and (for text messages) `text` are required: 422 with
 * express-validator objects otherwise.
 */
function postDirect({ req, res, state, project, user, body }) {
  const parsed = parseTiledeskBody(req, body);
  if (!parsed.ok) return sendText(res, 400, 'Bad Request');
  const input = parsed.value;
  const errors = [];
  for (const param of ['recipient', 'recipientFullname']) {
    if (input[param] === undefined || input[param] === null || input[param] === '') {
      errors.push({ value: input[param], msg: 'Invalid value', param, location: 'body' });
    }
  }
  if (!input.text && (!input.type || input.type === 'text')) {
    errors.push({ value: input.text, msg: 'Text field is required for messages with type "text"', param: 'text', location: 'body' });
  }
  if (errors.length > 0) return sendJson(res, 422, { errors });
  const now = nextTimestamp(state.tiledesk);
  const message = {
    _id: newObjectId(),
    type: input.type ?? 'text',
    channel_type: input.channel_type || 'direct',
    channel: input.channel ?? { name: 'chat21' },
    status: 0,
    sender: input.sender || user._id,
    senderFullname: input.senderFullname || fullName(user),
    recipient: input.recipient,
    recipientFullname: input.recipientFullname,
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
  state.tiledesk.messages.set(message._id, message);
  sendJson(res, 200, message);
}

export { parseTiledeskBody, fullName };
