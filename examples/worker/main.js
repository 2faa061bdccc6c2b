// The page side: starts the worker, hands it the query string's settings and
// shows what it answers. The page itself never loads tidings.
//
//   index.html?baseUrl=https://api.tiledesk.com/v3&token=JWT...&projectId=...&requestId=...
const params = new URLSearchParams(location.search);
const settings = {
  baseUrl: params.get('baseUrl') ?? 'https://api.tiledesk.com/v3',
  token: params.get('token') ?? '',
  projectId: params.get('projectId') ?? '',
  requestId: params.get('requestId') ?? '',
};
const status = document.querySelector('#status');
document.querySelector('#base-url').textContent = settings.baseUrl;
document.querySelector('#project').textContent = settings.projectId || '(set projectId in the query string)';
document.querySelector('#request').textContent = settings.requestId || '(set requestId in the query string)';

function show(message) {
  const row = document.querySelector('#messages tbody').insertRow();
  row.dataset.id = message.id;
  const cells = {
    id: message.id,
    sender: message.senderFullname ?? message.sender ?? '?',
    text: message.text ?? `(${message.type})`,
    status: `${message.status} (${message.statusName})`,
  };
  for (const [field, value] of Object.entries(cells)) {
    const cell = row.insertCell();
    cell.dataset.field = field;
    cell.textContent = value;
  }
}

// A module worker: it can `import` the package like any module.
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'tidings-worker' });
worker.onmessage = ({ data }) => {
  document.querySelector('#where').textContent = data.where;
  if (data.ok) {
    data.messages.forEach(show);
    status.textContent = 'done';
  } else {
    status.textContent = `error: ${data.error}`;
  }
  worker.terminate();
};
worker.onerror = (event) => {
  status.textContent = `error: the worker failed: ${event.message ?? 'unknown error'}`;
};
status.textContent = 'asking the worker…';
worker.postMessage({ type: 'list', ...settings });
