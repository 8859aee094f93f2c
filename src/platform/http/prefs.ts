/**
 * GET /prefs?text=large|normal&back=/path: sets the text-size cookie and goes back. A link, so
 * that the large-text mode (适老化) works without JavaScript.
 */
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import type { AppEnv } from './types.ts';

/** Only local paths are followed back (no open redirect). */
export function safeBackPath(back: string | undefined): string {
  if (!back || !back.startsWith('/') || back.startsWith('//') || back.startsWith('/\\')) return '/';
  return back;
}

/** The preference routes. */
export function prefsRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/prefs', (c) => {
    const text = c.req.query('text') === 'large' ? 'large' : 'normal';
    setCookie(c, 'text', text, {
      path: '/',
      httpOnly: true,
      sameSite: 'Lax',
      secure: new URL(c.req.url).protocol === 'https:',
      maxAge: 365 * 24 * 3600,
    });
    return c.redirect(safeBackPath(c.req.query('back')), 303);
  });
  return app;
}
