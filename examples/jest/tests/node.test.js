// Jest's default node environment.
require('./shared.cjs')('node');
