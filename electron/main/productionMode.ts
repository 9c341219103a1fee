/**
 * Imported first by the main process and the browser-mode host, before anything loads
 * Lexical: Lexical's packages pick their development or production build from
 * NODE_ENV when first loaded, and the development build (with its extra checks) makes
 * exports and headless reading about twice as slow. A developer's own NODE_ENV stands.
 */
process.env.NODE_ENV ??= 'production';
