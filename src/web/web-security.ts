// **webSecurity** sends every HTML answer with a Content-Security-Policy that allows no inline script or style.
import fp from 'fastify-plugin';

/**
 * Scripts, styles and images only from sheaf itself (assets copied from npm packages, no CDN), no inline code,
 * no plugins, no framing; forms post only back to sheaf. Harvested values are escaped anyway: this is the net.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self'",
  "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'",
].join('; ');

export const webSecurity = fp(async (app) => {
  app.addHook('onSend', async (_request, reply, payload) => {
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('text/html')) {
      void reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
      void reply.header('x-content-type-options', 'nosniff');
      void reply.header('referrer-policy', 'same-origin');
    }
    return payload;
  });
}, { name: 'sheaf-web-security' });
