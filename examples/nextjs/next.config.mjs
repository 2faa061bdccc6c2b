// Nothing here is for tidings (no serverExternalPackages, no webpack rule).
// The roots only say that this folder is the project: it sits inside the tidings
// repository, whose own package-lock.json Next.js would otherwise take for the
// workspace root. NEXT_DIST_DIR only lets the repository's test keep the
// Turbopack and the webpack builds side by side.
/** @type {import('next').NextConfig} */
export default {
  distDir: process.env.NEXT_DIST_DIR || '.next',
  turbopack: { root: import.meta.dirname },
  outputFileTracingRoot: import.meta.dirname,
};
