import { Suspense } from 'react';
import { ClientMessages } from './client-messages.js';

export default function ClientPage() {
  return (
    <main>
      <h1>Tiledesk messages, listed in the browser by a client component</h1>
      <Suspense fallback={<p>loading…</p>}>
        <ClientMessages />
      </Suspense>
    </main>
  );
}
