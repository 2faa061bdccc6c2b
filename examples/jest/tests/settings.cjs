// Where the tests list from, read from the environment; the tests are skipped
// unless a server is configured, e.g.:
//   TILEDESK_BASE_URL=https://api.tiledesk.com/v3 TILEDESK_TOKEN=... \
//   TILEDESK_PROJECT_ID=... TILEDESK_REQUEST_ID=... npm test
const env = process.env;
module.exports = {
  configured: Boolean(env.TILEDESK_TOKEN),
  baseUrl: env.TILEDESK_BASE_URL,
  token: env.TILEDESK_TOKEN ?? '',
  ids: { projectId: env.TILEDESK_PROJECT_ID, requestId: env.TILEDESK_REQUEST_ID },
};
