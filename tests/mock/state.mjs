// Mutable in-memory data of the mock, rebuilt from the frozen fixtures on reset().

import { randomBytes } from 'node:crypto';
import {
  TILEDESK_PROJECTS,
  TILEDESK_REQUESTS,
  TILEDESK_SEED_MESSAGES,
  TILEDESK_EXTRAS_MESSAGES,
  TILEDESK_BULK_MESSAGES,
  FLATCHR_COMPANIES,
} from './fixtures.mjs';

export function createState() {
  return { tiledesk: createTiledeskState(), flatchr: createFlatchrState() };
}

/** Requests are keyed by project AND request id, like the real lookup. */
export function requestKey(projectId, requestId) {
  return `${projectId.toLowerCase()}\u0000${requestId}`;
}

function createTiledeskState() {
  const projects = new Map(
    TILEDESK_PROJECTS.map((p) => [
      p._id.toLowerCase(),
      { ...structuredClone(p), members: new Set(p.members), owners: new Set(p.owners) },
    ]),
  );
  const requests = new Map(
    TILEDESK_REQUESTS.map((r) => [requestKey(r.id_project, r.request_id), structuredClone(r)]),
  );
  // Stored newest-first on purpose: the list route must sort by createdAt rather than
  // rely on insertion order, and this makes a missing sort visible in tests.
  const seeded = [...TILEDESK_SEED_MESSAGES, ...TILEDESK_EXTRAS_MESSAGES, ...TILEDESK_BULK_MESSAGES].reverse();
  const messages = new Map(seeded.map((m) => [m._id.toLowerCase(), structuredClone(m)]));
  // Tokens issued by the sign-in routes (besides the fixed JWT of the fixtures):
  // token -> user. Anonymous visitors live only here.
  const sessions = new Map();
  return { projects, requests, messages, sessions, lastTimestamp: 0 };
}

/**
 * An ISO timestamp later than every one given before by this state, so that
 * messages created in one burst (the multi route) keep their order by createdAt.
 */
export function nextTimestamp(tiledesk) {
  tiledesk.lastTimestamp = Math.max(Date.now(), tiledesk.lastTimestamp + 1);
  return new Date(tiledesk.lastTimestamp).toISOString();
}

function createFlatchrState() {
  const companies = new Map();
  for (const [companyId, applicants] of Object.entries(FLATCHR_COMPANIES)) {
    const byApplicant = new Map();
    for (const [applicantId, messages] of Object.entries(applicants)) {
      byApplicant.set(applicantId, structuredClone(messages));
    }
    companies.set(companyId, byApplicant);
  }
  return { companies };
}

// --- Id generators ---------------------------------------------------------

const PROCESS_RANDOM = randomBytes(5).toString('hex');
let objectIdCounter = randomBytes(3).readUIntBE(0, 3);

/** A MongoDB-ObjectId-shaped id: 24 lowercase hex chars, increasing. */
export function newObjectId() {
  objectIdCounter = (objectIdCounter + 1) % 0x1000000;
  const seconds = Math.floor(Date.now() / 1000).toString(16).padStart(8, '0');
  return seconds + PROCESS_RANDOM + objectIdCounter.toString(16).padStart(6, '0');
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A Flatchr-style encoded id, e.g. "oLm7NdD0j7dNGbZQ". */
export function newFlatchrId() {
  return Array.from(randomBytes(16), (byte) => BASE62[byte % 62]).join('');
}
