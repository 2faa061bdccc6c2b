// No tidings-specific setting is needed. NEXT_DIST_DIR only lets the test keep
// the Turbopack and the webpack builds side by side.
/** @type {import('next').NextConfig} */
export default {
  distDir: process.env.NEXT_DIST_DIR || '.next',
  turbopack: { root: import.meta.dirname },
  outputFileTracingRoot: import.meta.dirname,
};
