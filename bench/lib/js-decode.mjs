// The JavaScript-side decode a Rust decode has to beat: `r.json()`, then the
// same renames, type checks and status names as tidings' Tiledesk model, in
// plain JavaScript (what a ten-line fetch wrapper with validation would do).

const STATUS_NAMES = new Map([
  [-100, 'failed'], [0, 'sending'], [100, 'sent'], [150, 'delivered'],
  [200, 'received'], [250, 'returnReceipt'], [300, 'seen'],
]);

// wire key -> [output name, type check]
const str = (v) => typeof v === 'string';
const num = (v) => typeof v === 'number';
const obj = (v) => typeof v === 'object' && !Array.isArray(v);
const id = (v) => typeof v === 'string' || typeof v === 'number';
const KNOWN = new Map([
  ['_id', ['_id', id]], ['id', ['id', id]],
  ['sender', ['sender', str]], ['senderFullname', ['senderFullname', str]],
  ['recipient', ['recipient', str]], ['recipientFullname', ['recipientFullname', str]],
  ['type', ['type', str]], ['channel_type', ['channelType', str]], ['channelType', ['channelType', str]],
  ['channel', ['channel', obj]], ['text', ['text', str]], ['language', ['language', str]],
  ['status', ['status', num]], ['attributes', ['attributes', obj]], ['metadata', ['metadata', obj]],
  ['createdBy', ['createdBy', str]], ['created_by', ['createdBy', str]],
  ['id_project', ['projectId', str]], ['projectId', ['projectId', str]],
  ['createdAt', ['createdAt', str]], ['created_at', ['createdAt', str]],
  ['updatedAt', ['updatedAt', str]], ['updated_at', ['updatedAt', str]],
  ['__v', ['version', num]], ['request', ['request', obj]],
]);

function message(wire, index) {
  if (typeof wire !== 'object' || wire === null || Array.isArray(wire)) throw new TypeError(`[${index}]: expected a message object`);
  const out = {};
  let extra;
  for (const key of Object.keys(wire)) {
    const value = wire[key];
    const known = KNOWN.get(key);
    if (known === undefined) {
      (extra ??= {})[key] = value;
      continue;
    }
    const [name, check] = known;
    if (value === null) {
      delete out[name];
      continue;
    }
    if (!check(value)) throw new TypeError(`[${index}].${key}: wrong type`);
    out[name] = value;
  }
  const rawId = out._id ?? out.id;
  delete out._id;
  out.id = rawId === undefined ? '' : String(rawId);
  const code = out.status;
  out.statusName = (Number.isInteger(code) && STATUS_NAMES.get(code)) || 'unknown';
  if (extra !== undefined) out.extra = extra;
  return out;
}

/** Decodes a parsed list answer as tidings' `TiledeskMessage[]`. */
export function decodeTiledeskList(parsed) {
  if (!Array.isArray(parsed)) throw new TypeError('expected an array of messages');
  return parsed.map(message);
}
