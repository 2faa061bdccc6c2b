'use client';
// A client component: tidings runs in the browser, which fetches its wasm on the
// first call. Its settings come from the query string:
//   /client?baseUrl=https://api.tiledesk.com/v3&token=JWT...&projectId=...&requestId=...
// The server must allow this page's origin (CORS).
import { useEffect, useState } from 'react';
import { useSearchParams } from 'next/navigation';
import { TiledeskClient, isTidingsError } from 'tidings';
import { MessagesTable } from '../messages-table.js';

export function ClientMessages() {
  const params = useSearchParams();
  const [messages, setMessages] = useState([]);
  const [status, setStatus] = useState('loading…');
  useEffect(() => {
    const tiledesk = new TiledeskClient({
      baseUrl: params.get('baseUrl') ?? 'https://api.tiledesk.com/v3',
      auth: { kind: 'jwt', token: params.get('token') ?? '' },
    });
    const controller = new AbortController();
    setStatus('listing…');
    tiledesk
      .listMessages({ projectId: params.get('projectId') ?? '', requestId: params.get('requestId') ?? '', signal: controller.signal })
      .then((listed) => {
        setMessages(listed);
        setStatus('done');
      })
      .catch((error) => {
        // Cleaned up (in development React runs every effect twice): not an error.
        if (controller.signal.aborted) return;
        setStatus(isTidingsError(error) ? `error: ${error.kind}: ${error.message}` : `error: ${error}`);
        console.error(error);
      });
    return () => {
      controller.abort();
      tiledesk.free();
    };
  }, [params]);
  return (
    <>
      <p>
        Status: <strong id="status">{status}</strong>
      </p>
      <MessagesTable messages={messages} />
    </>
  );
}
