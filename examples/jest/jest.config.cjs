// Nothing tidings-specific: Jest's defaults (the node environment; a test file
// picks jsdom with its `@jest-environment jsdom` docblock).
module.exports = {};
