/**
 * The catalog's use-cases on the real database: drafting (索引号 under the counter's lock, the Art. 26
 * date, the body cleaned), the review by two people (the author cannot do its own 保密审查), optimistic
 * locking, audit rows, the personal-data blocker until justified, sensitive words for the reviewer,
 * attachments (type by bytes, text read for search), settings, publication (search vector, job), withdrawal.
 */
import { Document, Packer, Paragraph } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageCalendar } from '../law/calendar-data.ts';
import type { IsoDate } from '../law/dates.ts';
import { computePublishDue } from '../law/deadlines.ts';
import { creditCodeCheckCharacter } from '../platform/accounts/core/credit-code.ts';
import { createAgency, type Acting } from '../platform/accounts/service.ts';
import { reachingGrants, type Agency, type Person } from '../platform/accounts/store.ts';
import type { Clock } from '../platform/clock.ts';
import type { AppError } from '../platform/errors.ts';
import type { Services } from '../platform/services.ts';
import { addAgency, addPerson, OPERATOR } from '../../test/support/accounts.ts';
import { createTestServices } from '../../test/support/services.ts';
import { addAttachments, linkItem, unlinkItem } from './item-files.ts';
import { createDraft, editDraft, getItemMetadata, getItemView, listItems } from './service.ts';
import { saveSettings } from './settings.ts';
import { takeStep } from './steps.ts';
import type { Step } from './workflow.ts';

let services: Services;
let agency: Agency;
let coded: Agency;
let other: Agency;
const people: Record<string, { person: Person; acting: Acting }> = {};

/** 2024-06-28 (a Friday) at noon, Beijing time. */
const clock: Clock = () => Date.parse('2024-06-28T04:00:00Z');
const TODAY = '2024-06-28';
const CREDIT = `11211000MB123456${'7'}`;
const CREDIT_CODE = CREDIT + creditCodeCheckCharacter(CREDIT);

async function refused(promise: Promise<unknown>, status: number, code?: string): Promise<AppError> {
  const error = await promise.then(() => undefined, (e: unknown) => e as AppError);
  expect(error, 'expected a refusal').toBeDefined();
  expect({ status: error!.status, code: error!.code }).toMatchObject({ status, ...(code ? { code } : {}) });
  return error!;
}

const draft = (who: string, extra: Record<string, unknown> = {}, to: Agency = agency) => createDraft(services, people[who]!.acting, {
  agencyId: to.id, title: '关于公布2024年第一批非遗代表性项目名录的通知', docNo: '太文旅发〔2024〕5号', formedOn: '2024-06-03',
  body: '<p>各有关单位：现将名录予以公布。</p>', article20Item: 15, topic: '文化、广电、新闻出版', ...extra,
}, clock);
const step = (id: number, who: string, s: Step, version?: number) => takeStep(services, people[who]!.acting, id, s, version, clock);
const SUBMIT: Step = { type: 'submitted' };
const PUBLIC: Step = { type: 'attributeReviewed', decision: '主动公开', reason: null };
const SECRECY: Step = { type: 'secrecyChecked', reason: null, justification: null };

async function auditActions(id: number): Promise<string[]> {
  const { rows } = await services.db.query<{ action: string }>('SELECT action FROM audit_log WHERE subject = $1 ORDER BY id', [`catalog_item:${id}`]);
  return rows.map((r) => r.action);
}

beforeAll(async () => {
  services = await createTestServices();
  agency = await addAgency(services, '太平区文化旅游局');
  other = await addAgency(services, '别处县乙局');
  coded = await createAgency(services.db, OPERATOR, { name: '有代码的局', kind: 'department', creditCode: CREDIT_CODE });
  const roles: Record<string, [Parameters<typeof addPerson>[2], Agency]> = {
    author: [[['handler', agency], ['reviewer', agency]], agency],
    reviewer: [[['reviewer', agency]], agency],
    head: [[['head', agency]], agency],
    codedHandler: [[['handler', coded], ['head', coded], ['reviewer', coded]], coded],
    otherHandler: [[['handler', other]], other],
    admin: [[['agencyAdmin', agency]], agency],
  };
  for (const [name, [grants]] of Object.entries(roles)) {
    const person = await addPerson(services, `cat-${name.toLowerCase()}`, grants);
    people[name] = { person, acting: { actor: { kind: 'person', personId: person.id, username: person.username }, grants: await reachingGrants(services.db, person.id) } };
  }
}, 120_000);
afterAll(async () => services.close());

describe('drafting', () => {
  it('gives a 索引号 from the agency\'s pattern, computes the Art. 26 date and cleans the body', async () => {
    const first = await draft('author', { body: '<p onclick="x()">正文<script>alert(1)</script></p><a href="javascript:alert(1)">链接</a><img src="/a.png" onerror="alert(1)">' });
    const second = await draft('author');
    expect(first.indexNo).toBe(`GK${String(agency.id).padStart(6, '0')}/2024-00001`);
    expect(second.indexNo).toBe(`GK${String(agency.id).padStart(6, '0')}/2024-00002`);
    const view = await getItemView(services, people['author']!.acting, first.id);
    expect(view.body).toBe('<p>正文</p><a>链接</a><img src="/a.png" />');
    expect(view.publishDue).toBe(computePublishDue('2024-06-03' as IsoDate, packageCalendar()).publishDue);
    expect(view).toMatchObject({ status: 'draft', article20Item: 15, publisher: '太平区文化旅游局', version: 0, authorId: people['author']!.person.id });
    expect(view.events.map((e) => [e.type, e.actor])).toEqual([['created', people['author']!.person.name]]);
    expect(await auditActions(first.id)).toEqual(['catalog.create']);
    const { rows } = await services.db.query<{ tsv: string; doc_no_key: string }>('SELECT search_tsv::text AS tsv, doc_no_key FROM catalog_items WHERE id = $1', [first.id]);
    expect(rows[0]!.tsv).toContain('非遗');
    expect(rows[0]!.doc_no_key).toBe('太文旅发〔2024〕5号');
  });

  it('uses the 统一社会信用代码 and the year of 成文日期; a custom pattern applies from then on', async () => {
    expect((await draft('codedHandler', { formedOn: '2023-12-29' }, coded)).indexNo).toBe(`${CREDIT_CODE}/2023-00001`);
    await saveSettings(services, OPERATOR, coded.id, { indexPattern: 'TW-{机关编号}-{年份}-{流水号:3}', words: '' });
    expect((await draft('codedHandler', {}, coded)).indexNo).toBe(`TW-${coded.id}-2024-001`);
    await refused(saveSettings(services, OPERATOR, coded.id, { indexPattern: '{年份}-{流水号}', words: '' }), 422, 'catalog.invalid');
    await refused(saveSettings(services, people['author']!.acting, agency.id, { indexPattern: '', words: '' }), 403);
  });

  it('refuses bad input naming each field, another agency (404) and a reviewer without write (403)', async () => {
    const error = await refused(createDraft(services, people['author']!.acting, { agencyId: agency.id, title: '一', formedOn: '2024-02-30', article20Item: 16, topic: '无此分类', extra: 1 }, clock), 422, 'catalog.invalid');
    const fields = (error.details as { fields: { field: string }[] }).fields.map((f) => f.field).sort();
    expect(fields).toEqual(['article20Item', 'extra', 'formedOn', 'title', 'topic']);
    await refused(draft('otherHandler'), 404, 'catalog.agency_not_found');
    await refused(draft('reviewer'), 403, 'catalog.needs_write');
  });

  it('an edit is a draft\'s only; a new 成文日期 moves the due date', async () => {
    const { id } = await draft('author');
    const edited = await editDraft(services, people['author']!.acting, id, { title: '关于公布非遗名录的通知（修订）', formedOn: '2024-06-10', body: '<p>新的正文</p>', version: 0 }, clock);
    expect(edited).toMatchObject({ title: '关于公布非遗名录的通知（修订）', formedOn: '2024-06-10', version: 1, docNo: null });
    expect(edited.publishDue).toBe(computePublishDue('2024-06-10' as IsoDate, packageCalendar()).publishDue);
    await refused(editDraft(services, people['author']!.acting, id, { title: '再改', formedOn: '2024-06-10', version: 0 }, clock), 409, 'catalog.stale');
    await step(id, 'author', SUBMIT);
    await refused(editDraft(services, people['author']!.acting, id, { title: '再改', formedOn: '2024-06-10' }, clock), 409, 'catalog.not_draft');
    expect(await auditActions(id)).toEqual(['catalog.create', 'catalog.edit', 'catalog.submitted']);
  });
});

describe('the review by two people', () => {
  it('the author cannot do the 保密审查; another 审核人 does; the 负责人 signs; published with its job and search vector', async () => {
    const { id, indexNo } = await draft('author');
    await step(id, 'author', SUBMIT);
    await step(id, 'reviewer', PUBLIC);
    const own = await refused(step(id, 'author', SECRECY), 409, 'catalog.own_item');
    expect(own.message).toContain('起草人');
    await refused(step(id, 'reviewer', { type: 'signed' }), 409);
    await step(id, 'reviewer', SECRECY);
    await refused(step(id, 'reviewer', { type: 'signed' }), 403, 'catalog.needs_head');
    const view = await step(id, 'head', { type: 'signed' });
    expect(view).toMatchObject({ status: 'published', publishedOn: TODAY, attribute: '主动公开', url: `/items/${encodeURIComponent(indexNo)}` });
    expect(view.events.map((e) => e.type)).toEqual(['created', 'submitted', 'attributeReviewed', 'secrecyChecked', 'signed']);
    expect(view.events.map((e) => e.actor)).toEqual([people['author']!.person.name, people['author']!.person.name, people['reviewer']!.person.name, people['reviewer']!.person.name, people['head']!.person.name]);
    expect(await auditActions(id)).toEqual(['catalog.create', 'catalog.submitted', 'catalog.attributeReviewed', 'catalog.secrecyChecked', 'catalog.signed']);
    const jobs = await services.db.query<{ kind: string; payload: { itemId: number } }>("SELECT kind, payload FROM jobs WHERE kind = 'catalog.published' AND payload->>'itemId' = $1", [String(id)]);
    expect(jobs.rows).toEqual([{ kind: 'catalog.published', payload: { itemId: id } }]);
    const metadata = await getItemMetadata(services, indexNo);
    expect(metadata).toMatchObject({ indexNo, title: view.title, docNo: '太文旅发〔2024〕5号', agency: agency.name, publishedOn: TODAY, article20Item: 15, validity: 'valid' });
    // Withdrawn: gone from the public metadata.
    await refused(step(id, 'head', { type: 'withdrawn', reason: null }), 422, 'catalog.reason_required');
    await step(id, 'head', { type: 'withdrawn', reason: '已被新文件替代' });
    await refused(getItemMetadata(services, indexNo), 404, 'catalog.not_found');
  });

  it('不予公开 ends the review with its reason; returned items go back to draft', async () => {
    const { id, indexNo } = await draft('author');
    await step(id, 'author', SUBMIT);
    await refused(step(id, 'reviewer', { type: 'attributeReviewed', decision: '不予公开', reason: null }), 422, 'catalog.reason_required');
    const back = await step(id, 'reviewer', { type: 'returned', reason: '标题与正文不符' });
    expect(back).toMatchObject({ status: 'draft' });
    expect(back.events.at(-1)).toMatchObject({ type: 'returned', reason: '标题与正文不符' });
    await step(id, 'author', SUBMIT);
    const denied = await step(id, 'reviewer', { type: 'attributeReviewed', decision: '不予公开', reason: '属于内部事务信息（第十六条）' });
    expect(denied).toMatchObject({ status: 'notPublished', attribute: '不予公开', attributeReason: '属于内部事务信息（第十六条）' });
    await refused(getItemMetadata(services, indexNo), 404);
  });

  it('a step on a version changed meanwhile is refused and changes nothing (optimistic locking)', async () => {
    const { id } = await draft('author');
    const submitted = await step(id, 'author', SUBMIT, 0);
    expect(submitted.version).toBe(1);
    await refused(step(id, 'reviewer', PUBLIC, 0), 409, 'catalog.stale');
    expect((await getItemView(services, people['reviewer']!.acting, id))).toMatchObject({ status: 'attributeReview', version: 1 });
    // Two at once with the same version: one wins.
    const results = await Promise.allSettled([step(id, 'reviewer', PUBLIC, 1), step(id, 'head', PUBLIC, 1)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ status: 409 });
  });

  it('another agency\'s staff do not see the item (404)', async () => {
    const { id } = await draft('author');
    await refused(getItemView(services, people['otherHandler']!.acting, id), 404, 'catalog.not_found');
    await refused(step(id, 'otherHandler', SUBMIT), 404, 'catalog.not_found');
    const listed = await listItems(services, people['otherHandler']!.acting, { status: 'all' }, clock);
    expect(listed.some((r) => r.id === id)).toBe(false);
  });
});

describe('personal data and sensitive words', () => {
  it('sensitive words at submission are kept for the reviewer; personal data blocks 签发 until justified', async () => {
    await saveSettings(services, people['admin']!.acting, agency.id, { indexPattern: '', words: '内部资料\n严禁外传' });
    const { id } = await draft('author', { body: '<p>内部资料。获奖人联系电话 13800138000。</p>' });
    const submitted = await step(id, 'author', SUBMIT);
    const details = submitted.events.at(-1)!.details as { sensitiveWords: { word: string }[]; personalData: { kind: string; masked: string }[] };
    expect(details.sensitiveWords.map((w) => w.word)).toEqual(['内部资料']);
    expect(details.personalData).toEqual([expect.objectContaining({ kind: 'mobile', masked: '138****8000' })]);
    expect(JSON.stringify(submitted.events)).not.toContain('13800138000');
    await step(id, 'reviewer', PUBLIC);
    await step(id, 'reviewer', SECRECY);
    const blocked = await refused(step(id, 'head', { type: 'signed' }), 422, 'catalog.personal_data');
    expect(blocked.message).toContain('138****8000');
    expect((blocked.details as { personalData: unknown[] }).personalData).toHaveLength(1);
    expect((await getItemView(services, people['head']!.acting, id)).status).toBe('signing');
    // Returned, reviewed again, justified at 保密审查: signed.
    await step(id, 'head', { type: 'returned', reason: '请删除手机号或说明理由' });
    await step(id, 'author', SUBMIT);
    await step(id, 'reviewer', PUBLIC);
    await step(id, 'reviewer', { type: 'secrecyChecked', reason: null, justification: '获奖人同意公开联系电话，便于群众咨询' });
    const signed = await step(id, 'head', { type: 'signed' });
    expect(signed).toMatchObject({ status: 'published', personalDataJustification: '获奖人同意公开联系电话，便于群众咨询' });
    expect(signed.events.at(-1)!.details).toMatchObject({ justification: '获奖人同意公开联系电话，便于群众咨询' });
  });

  it('attachments: the type by their bytes, their text read for search and scanned for personal data', async () => {
    const { id } = await draft('author', { body: '<p>附件为名单。</p>' });
    const docx = new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('传承人名单：张三，手机 13912345678，非遗项目 太平剪纸')] }] })));
    await refused(addAttachments(services, people['author']!.acting, id, [{ name: 'setup.pdf', bytes: new Uint8Array([0x4d, 0x5a, 1, 2, 3]) }], undefined, clock), 422, 'catalog.invalid');
    await refused(addAttachments(services, people['reviewer']!.acting, id, [{ name: '名单.docx', bytes: docx }], undefined, clock), 403);
    const view = await addAttachments(services, people['author']!.acting, id, [{ name: '名单.docx', bytes: docx }], 0, clock);
    expect(view.attachments).toEqual([expect.objectContaining({ fileName: '名单.docx', hasText: true })]);
    expect(view.personalData.map((f) => f.masked)).toEqual(['139****5678']);
    expect(view.version).toBe(1);
    const { rows } = await services.db.query<{ tsv: string }>('SELECT search_tsv::text AS tsv FROM catalog_items WHERE id = $1', [id]);
    expect(rows[0]!.tsv).toContain('剪纸');
    expect(await auditActions(id)).toEqual(['catalog.create', 'catalog.attach']);
  });
});

describe('related items', () => {
  it('a 政策解读 is linked to the document it interprets; the public metadata lists the published one', async () => {
    const policy = await draft('author', { title: '太平区非遗保护专项资金管理办法', genre: '行政规范性文件' });
    for (const [s, who] of [[SUBMIT, 'author'], [PUBLIC, 'reviewer'], [SECRECY, 'reviewer'], [{ type: 'signed' }, 'head']] as [Step, string][]) await step(policy.id, who, s);
    const reading = await draft('author', { title: '《太平区非遗保护专项资金管理办法》政策解读', genre: '政策解读', docNo: null });
    await refused(linkItem(services, people['author']!.acting, reading.id, 'NO-SUCH/2024-00001', undefined, clock), 422);
    const linked = await linkItem(services, people['author']!.acting, reading.id, policy.indexNo, undefined, clock);
    expect(linked.related).toEqual([expect.objectContaining({ id: policy.id, direction: 'interprets', relation: '解读的文件' })]);
    const other = await getItemView(services, people['author']!.acting, policy.id);
    expect(other.related).toEqual([expect.objectContaining({ id: reading.id, direction: 'interpretedBy' })]);
    // Not public until the interpretation is published itself.
    expect((await getItemMetadata(services, policy.indexNo)).related).toEqual([]);
    const unlinked = await unlinkItem(services, people['author']!.acting, reading.id, policy.id, undefined, clock);
    expect(unlinked.related).toEqual([]);
    await linkItem(services, people['author']!.acting, reading.id, String(policy.id), undefined, clock);
    for (const [s, who] of [[SUBMIT, 'author'], [PUBLIC, 'reviewer'], [SECRECY, 'reviewer'], [{ type: 'signed' }, 'head']] as [Step, string][]) await step(reading.id, who, s);
    expect((await getItemMetadata(services, policy.indexNo)).related).toEqual([expect.objectContaining({ indexNo: reading.indexNo, genre: '政策解读' })]);
  });
});

describe('lists', () => {
  it('lists the agency\'s unpublished items with their urgency', async () => {
    const { id } = await draft('author', { formedOn: '2024-05-06' });
    const rows = await listItems(services, people['reviewer']!.acting, {}, clock);
    expect(rows.find((r) => r.id === id)).toMatchObject({ status: 'draft', due: { kind: 'late' } });
    const overdue = await listItems(services, people['reviewer']!.acting, { due: 'overdue' }, clock);
    expect(overdue.every((r) => r.due?.kind === 'late')).toBe(true);
    expect((await listItems(services, people['reviewer']!.acting, { text: '太文旅发〔2024〕5号', status: 'all' }, clock)).length).toBeGreaterThan(0);
  });
});
