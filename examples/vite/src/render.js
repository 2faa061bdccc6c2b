/** Appends one message as a table row (text only: message texts come from other people). */
export function renderMessage(tbody, message) {
  const row = tbody.insertRow();
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
  return row;
}
