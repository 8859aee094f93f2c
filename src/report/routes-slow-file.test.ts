/**
 * An uploaded file is read in a worker thread (import/pool.ts, where the thread is tested): a file
 * still being read after the time limit is stopped with a message, and the site reads the next.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusFile, uploadForm } from '../../test/support/fixtures.ts';
import { createTestServices } from '../../test/support/services.ts';
import { createTestApp } from '../../test/support/app.ts';
import type { Services } from '../platform/services.ts';

let services: Services;

beforeAll(async () => {
  services = await createTestServices({ maxUploadBytes: 32 * 1024 * 1024, importTimeoutMs: 400 });
});
afterAll(async () => {
  await services.close();
});

describe('a slow file', () => {
  it('is stopped at the time limit with a message on the results page, and the next file is read', async () => {
    const app = await createTestApp(services);
    const big = new File([`<table>${'<tr><td>本年新收政府信息公开申请数量</td><td>1</td></tr>'.repeat(400_000)}</table>`], 'big.html');
    const res = await app.request('/reports', { method: 'POST', body: uploadForm([big]) });
    expect(res.status).toBe(303);
    const page = await (await app.request(res.headers.get('location') ?? '')).text();
    expect(page).toContain('big.html：读取超过 0.4 秒仍未完成，已停止。文件可能过大或结构异常，请检查后重新上传。');

    const seed = new File([corpusFile('seed-taiping-wenlv-2023.txt') as Uint8Array<ArrayBuffer>], 'seed-taiping-wenlv-2023.txt');
    const next = await app.request('/reports', { method: 'POST', body: uploadForm([seed]) });
    expect(next.headers.get('location')).toMatch(/^\/reports\/[0-9a-f]{32}\?notice=checked$/);
  });
});
