/** The messages as a table (text only: message texts come from other people). */
export function MessagesTable({ messages }) {
  return (
    <table id="messages">
      <thead>
        <tr>
          <th>id</th>
          <th>sender</th>
          <th>text</th>
          <th>status</th>
        </tr>
      </thead>
      <tbody>
        {messages.map((m) => (
          <tr key={m.id} data-id={m.id}>
            <td data-field="id">{m.id}</td>
            <td data-field="sender">{m.senderFullname ?? m.sender ?? '?'}</td>
            <td data-field="text">{m.text ?? `(${m.type})`}</td>
            <td data-field="status">{`${m.status} (${m.statusName})`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
