/**
 * GET /prefs?text=large|normal&back=/path (or contrast=high|normal): sets the text-size (or contrast)
 * cookie and goes back. A link, so that the large-text and high-contrast modes (适老化) work without
 * JavaScript.
 */
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { PUBLIC } from './access.ts';
import type { AppEnv } from './types.ts';

const SELF = 'http://gongkai.invalid';

/**
 * Only a path of this site is followed back (no open redirect), by construction: the value is
 * parsed as a URL against a fixed origin (as a browser would: tabs and newlines dropped,
 * backslashes as slashes) and kept only if the origin is unchanged; what is returned is the URL's
 * own serialisation (path, query, fragment), so it holds no control character for a header.
 */
export function safeBackPath(back: string | undefined): string {
  if (!back || !back.startsWith('/') || !URL.canParse(back, SELF)) return '/';
  const url = new URL(back, SELF);
  if (url.origin !== SELF) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The preference routes. */
export function prefsRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/prefs', PUBLIC, (c) => {
    const options = { path: '/', httpOnly: true, sameSite: 'Lax', secure: c.get('secure'), maxAge: 365 * 24 * 3600 } as const;
    const contrast = c.req.query('contrast');
    // A contrast link sets the contrast only; any other sets the text size (as before the contrast mode).
    if (contrast !== undefined) setCookie(c, 'contrast', contrast === 'high' ? 'high' : 'normal', options);
    else setCookie(c, 'text', c.req.query('text') === 'large' ? 'large' : 'normal', options);
    return c.redirect(safeBackPath(c.req.query('back')), 303);
  });
  return app;
}
