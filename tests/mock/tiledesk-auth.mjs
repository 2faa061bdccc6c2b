// Tiledesk sign-in routes, modelled on tiledesk-server (routes/auth.js): no
// Authorization header is needed (any sent is ignored), the body is JSON.

import { randomBytes, randomUUID } from 'node:crypto';
import { TILEDESK_USERS } from './fixtures.mjs';
import { sendJson, sendText } from './http-util.mjs';
import { parseTiledeskBody } from './tiledesk.mjs';

const OBJECT_ID = /^[0-9a-fA-F]{24}$/;

/** `route` = { kind: 'signin' | 'anonymous' }. */
export function handleTiledeskAuth(ctx, route) {
  const { req, res, method, body } = ctx;
  if (method !== 'POST') return sendText(res, 404, `Cannot ${method} ${ctx.rawPath}`);
  const parsed = parseTiledeskBody(req, body);
  if (!parsed.ok) return sendText(res, 400, 'Bad Request');
  return route.kind === 'signin' ? signIn(ctx, parsed.value) : signInAnonymously(ctx, parsed.value);
}

/** A JWT-shaped token, remembered by the state until reset. */
function issueToken(state, user) {
  const part = (value) => Buffer.from(value).toString('base64url');
  const token = `${part('{"alg":"HS256","typ":"JWT"}')}.${part(JSON.stringify({ sub: user._id }))}.${randomBytes(16).toString('base64url')}`;
  state.tiledesk.sessions.set(token, user);
  return token;
}

/**
 * `POST /auth/signin {email, password}`: 200 `{success, token: "JWT ...", user}`
 * (the fixed JWT of the fixtures for the user that has one); 401 `{success:false, msg}`.
 */
function signIn({ res, state }, input) {
  const email = typeof input.email === 'string' ? input.email.toLowerCase() : undefined;
  const user = TILEDESK_USERS.find((u) => u.email === email);
  if (!user) return sendJson(res, 401, { success: false, msg: 'Authentication failed. User not found.' });
  if (input.password !== user.password) {
    return sendJson(res, 401, { success: false, msg: 'Authentication failed. Wrong password.' });
  }
  const token = user.jwt ?? issueToken(state, user);
  const { _id, firstname, lastname } = user;
  sendJson(res, 200, {
    success: true,
    token: `JWT ${token}`,
    user: { _id, email: user.email, firstname, lastname, emailverified: true, id: _id },
  });
}

/**
 * `POST /auth/signinAnonymously {id_project, firstname?, lastname?, email?, attributes?}`:
 * a new visitor (uuid `_id`, firstname `guest#` + 4 characters by default), who
 * becomes a member of the project. No id_project: 422 `{errors: [...]}`; an
 * id_project that is not an ObjectId fails the save: 500 `{success:false, msg:"Error saving object."}`.
 */
function signInAnonymously({ res, state }, input) {
  const projectId = input.id_project;
  if (projectId === undefined || projectId === null || projectId === '') {
    return sendJson(res, 422, { errors: [{ value: projectId, msg: 'Invalid value', param: 'id_project', location: 'body' }] });
  }
  if (!OBJECT_ID.test(String(projectId))) {
    return sendJson(res, 500, { success: false, msg: 'Error saving object.' });
  }
  const uid = randomUUID();
  const user = {
    _id: uid,
    firstname: input.firstname || `guest#${uid.slice(0, 4)}`,
    lastname: input.lastname,
    email: input.email,
    attributes: input.attributes,
  };
  state.tiledesk.projects.get(String(projectId).toLowerCase())?.members.add(uid);
  const token = issueToken(state, user);
  sendJson(res, 200, { success: true, token: `JWT ${token}`, user });
}
