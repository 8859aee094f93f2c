/**
 * The one error handler: maps an AppError (or anything else, as a 500) to an HTML error page, or
 * to `{ "error": { "code", "message", "details" } }` for /api and clients that ask for JSON.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import { AppError, NotFoundError } from '../errors.ts';
import { renderPage } from './layout.tsx';
import type { PageStatus } from './layout.tsx';
import type { AppEnv } from './types.ts';

/** The JSON body of an API error. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

const PAGE_STATUSES: readonly number[] = [400, 401, 403, 404, 409, 413, 422, 429, 500, 503];

/**
 * Errors of a database that is not there (refused, cut off, shutting down or starting up): the
 * embedded server is being restarted (db/embedded.ts), or a DATABASE_URL server is down.
 * SQLSTATE class 08 (connection exception) and 57P01–57P03 (shutdown, cannot connect now).
 */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);

/** Whether an error says the database cannot be reached right now. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  return /^Connection terminated|^timeout exceeded when trying to connect|Client has encountered a connection error/.test(error.message);
}

function wantsJson(c: Context<AppEnv>): boolean {
  if (c.req.path === '/api' || c.req.path.startsWith('/api/')) return true;
  const accept = c.req.header('accept') ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

/** Turns any thrown value into the AppError shown to the person. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isDatabaseUnavailable(error)) {
    return new AppError('database.unavailable', '数据库暂时不可用，系统正在自动恢复。请稍等一分钟后再试，已提交的内容不会丢失。', { status: 503 });
  }
  if (error instanceof HTTPException) {
    return new AppError(`http.${error.status}`, error.status === 404 ? '找不到这个页面' : '请求无法处理', { status: error.status });
  }
  return new AppError('internal', '服务器内部错误，请稍后重试。若问题持续，请联系网站管理员。', { status: 500 });
}

/** Builds the onError handler. Logs 5xx with the stack, 4xx as one line. */
export function errorHandler(logger: Logger) {
  return async (error: unknown, c: Context<AppEnv>) => {
    const appError = toAppError(error);
    if (appError.status >= 500) logger.error({ err: error, reqId: c.get('requestId'), path: c.req.path }, '未处理的错误');
    else logger.info({ code: appError.code, reqId: c.get('requestId'), path: c.req.path }, appError.message);
    if (appError.status === 503) c.header('Retry-After', '30');
    const retryAfter = (appError.details as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
    if (appError.status === 429 && typeof retryAfter === 'number') c.header('Retry-After', String(retryAfter));
    if (appError.status === 401) c.header('WWW-Authenticate', 'Bearer realm="gongkai"');
    if (wantsJson(c)) {
      const body: ErrorBody = { error: { code: appError.code, message: appError.message, details: appError.details ?? null } };
      return c.json(body, appError.status as 400);
    }
    const status = (PAGE_STATUSES.includes(appError.status) ? appError.status : 500) as PageStatus;
    return renderPage(c, errorTitle(status), <ErrorPage error={appError} />, { status });
  };
}

/** 404 for unmatched routes, through the same handler. */
export function notFoundHandler(logger: Logger) {
  const handle = errorHandler(logger);
  return (c: Context<AppEnv>) => handle(new NotFoundError('http.not_found', `找不到页面 ${c.req.path}：请检查地址，或从首页重新进入。`), c);
}

function errorTitle(status: number): string {
  switch (status) {
    case 400: case 422: return '提交的内容有误';
    case 401: return '请先登录';
    case 403: return '请求被拒绝';
    case 404: return '找不到页面';
    case 409: return '操作冲突';
    case 413: return '文件太大';
    case 429: return '尝试次数过多';
    case 503: return '服务暂时不可用';
    default: return '服务暂时出错';
  }
}

function ErrorPage(props: { error: AppError }) {
  return (
    <>
      <h1>{errorTitle(props.error.status)}</h1>
      <div class="error-summary" role="alert">
        <p>{props.error.message}</p>
      </div>
      <p class="muted">错误代码：{props.error.code}</p>
      <p><a href="/">返回首页，上传报告</a></p>
    </>
  );
}
