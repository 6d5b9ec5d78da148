// Intentionally empty: pdfjs-dist then skips its rendering polyfills (Quire reads text only).
module.exports = {};
