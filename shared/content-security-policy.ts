// The one Content-Security-Policy for the renderer, in Electron (app://) and browser mode alike:
// only Quire's own scripts and styles, no inline script, no remote anything.
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
