// Nothing tidings-specific: an entry, an output folder, and index.html copied
// next to the bundle by the build script (package.json).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export default (env = {}) => ({
  mode: 'production',
  entry: './src/main.js',
  output: { path: env.out ? join(process.cwd(), env.out) : join(here, 'dist'), filename: 'main.js', clean: true },
  performance: { hints: false },
});
