// The extension's own page: asks the service worker for the messages and shows
// them. Settings come from the query string:
//
//   chrome-extension://<id>/result.html?baseUrl=https://api.tiledesk.com/v3&token=JWT...&projectId=...&requestId=...
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

status.textContent = 'asking the service worker…';
try {
  const answer = await chrome.runtime.sendMessage({ type: 'tidings:list', ...settings });
  document.querySelector('#where').textContent = answer?.where ?? '?';
  if (!answer?.ok) throw new Error(answer?.error ?? 'no answer from the service worker');
  answer.messages.forEach(show);
  status.textContent = 'done';
} catch (error) {
  status.textContent = `error: ${error.message ?? error}`;
}
