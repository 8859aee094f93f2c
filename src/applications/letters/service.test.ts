/**
 * The letters' use-cases on the real database: a case's letter in the agency's template or the
 * default, as HTML, Word and text with the case's dates from src/law; the letter sent is frozen (a later
 * template change never alters it); templates with unknown placeholders are refused; every change audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgency, addPerson, OPERATOR } from '../../../test/support/accounts.ts';
import { createTestServices } from '../../../test/support/services.ts';
import { packageCalendar } from '../../law/calendar-data.ts';
import type { IsoDate } from '../../law/dates.ts';
import { reachingGrants, type Agency } from '../../platform/accounts/store.ts';
import { updateAgencyContacts, type Acting } from '../../platform/accounts/service.ts';
import { AppError } from '../../platform/errors.ts';
import type { Services } from '../../platform/services.ts';
import { deadlinesOf, replay } from '../lifecycle.ts';
import { createApplication, getCase, recordEvent } from '../service.ts';
import type { RecordedEvent } from '../model.ts';
import { previewTemplate, resetAgencyTemplate, saveAgencySettings, saveAgencyTemplate } from './editor-service.ts';
import { freezeLetter, getCaseLetter, letterFileNames, listCaseLetters, renderLetter, type LetterCase } from './service.ts';
import { readDocx } from './testing.ts';

let services: Services;
let agency: Agency;
let other: Agency;
let admin: Acting;
let handler: Acting;
let outsider: Acting;
let applicationId: number;

const d = (s: string) => s as IsoDate;
const calendar = packageCalendar();

async function actingAs(username: string): Promise<Acting> {
  const { rows } = await services.db.query<{ id: number }>('SELECT id FROM people WHERE username = $1', [username]);
  const personId = rows[0]!.id;
  return { actor: { kind: 'person', personId, username }, grants: await reachingGrants(services.db, personId), ip: '127.0.0.1' };
}

/** 2024-06-28 (a Friday) at noon, Beijing time: the applications' use-cases take the day from it. */
const clock = () => Date.parse('2024-06-28T04:00:00Z');

/** A case entered by the agency's 经办人: 当面 on 2024-06-03. */
async function storedApplication(): Promise<number> {
  const { id } = await createApplication(services, handler, {
    agencyId: agency.id, channel: '当面', submitted: '2024-06-03', description: '2023年测试区保障性住房分配名单', provision: 'paper', delivery: 'post',
    applicant: { kind: 'naturalPerson', name: '李四', idType: 'idCard', idNumber: '110101199003074514', phone: '13800138000', address: '测试区幸福路8号', email: '' },
  }, clock);
  return id;
}

/** A case as the applications room shows it (its CaseView): the dates from src/law, the steps with their fields. */
function caseOf(events: RecordedEvent[]): LetterCase {
  const state = replay({ applicantKind: 'naturalPerson', channel: 'inPerson', submitted: d('2024-05-06'), confirmed: null }, events);
  const dates = deadlinesOf(state, calendar);
  return {
    agencyId: agency.id, trackingCode: 'K2M4-P7Q9-R3T6', applicant: { name: '李四', address: '测试区幸福路8号' },
    description: '2023年测试区保障性住房分配名单', submitted: state.intake.submitted, receiptDate: state.receiptDate,
    replyDue: dates?.replyDue ?? null, extendedReplyDue: dates?.extendedReplyDue ?? null, thirdPartyOpinionDue: dates?.thirdPartyOpinionDue ?? null,
    outcome: state.outcome, events: events.map((e, i) => ({ seq: i + 1, ...e.event, by: e.by })),
  };
}

/** 当面 2024-05-06 (Monday), extended by 10 working days on 2024-05-20 by the 负责人. */
const extendedCase = () => caseOf([{ event: { type: 'extended', date: d('2024-05-20'), workingDays: 10 }, by: 1 }]);
const grantedCase = () => caseOf([{ event: { type: 'replied', date: d('2024-05-20'), outcome: 'granted', final: true }, by: 1 }]);

beforeAll(async () => {
  services = await createTestServices();
  agency = await addAgency(services, '测试区住房和城乡建设局');
  other = await addAgency(services, '测试区教育局');
  await updateAgencyContacts(services.db, OPERATOR, agency.id, { address: '测试区人民路1号', postcode: '100001', phone: '010-87654321' });
  await addPerson(services, 'admin.a', [['agencyAdmin', agency]]);
  await addPerson(services, 'handler.a', [['handler', agency]]);
  await addPerson(services, 'admin.b', [['agencyAdmin', other]]);
  admin = await actingAs('admin.a');
  handler = await actingAs('handler.a');
  outsider = await actingAs('admin.b');
  applicationId = await storedApplication();
});
afterAll(async () => {
  await services?.close();
});

const auditRows = async (action: string) =>
  (await services.db.query<{ subject: string; agency_id: number; details: Record<string, unknown> }>('SELECT subject, agency_id, details FROM audit_log WHERE action = $1 ORDER BY id', [action])).rows;

describe('renderLetter', () => {
  it('takes the case as the applications room shows it: 补正告知书 from a stored case and its step', async () => {
    const id = await storedApplication();
    await recordEvent(services, handler, id, { type: 'correctionRequested', date: d('2024-06-05'), note: '请写明文件的名称或者文号' }, undefined, clock);
    const view = await getCase(services, handler, id);
    const rendered = await renderLetter(services, view, 'correction', { letterDate: d('2024-06-05'), correctionDue: d('2024-06-26') });
    expect(rendered.missing).toEqual([]);
    expect(rendered.letter.addressee).toBe('李四：');
    expect(rendered.text).toContain(`本机关于2024年6月3日收到您提出的政府信息公开申请（申请编号：${view.trackingCode}）`);
    expect(rendered.text).toContain('请您对以下事项作出补正：请写明文件的名称或者文号。');
    expect(rendered.text).toContain('请您于2024年6月26日前向本机关提交补正后的申请');
    const sent = await freezeLetter(services, id, 'correction', rendered, handler);
    expect((await listCaseLetters(services, id)).map((l) => l.id)).toEqual([sent.id]);
    expect(letterFileNames({ id: sent.id, title: rendered.letter.title }, view.trackingCode)).toEqual({
      fallback: `letter-${sent.id}.docx`, name: `政府信息公开申请补正告知书（${view.trackingCode}）.docx`,
    });
  });

  it('延期答复告知书 with the dates of src/law (2024: 5月11日 a working Saturday, 6月10日 端午)', async () => {
    const view = extendedCase();
    expect(view.replyDue).toBe('2024-05-31');
    expect(view.extendedReplyDue).toBe('2024-06-17');
    const rendered = await renderLetter(services, view, 'extension', { letterDate: d('2024-05-20') });
    expect(rendered.missing).toEqual([]);
    expect(rendered.text).toContain('本机关于2024年5月6日收到您提出的政府信息公开申请（申请编号：K2M4-P7Q9-R3T6）');
    expect(rendered.text).toContain('本机关不能在2024年5月31日前作出答复');
    expect(rendered.text).toContain('答复期限延长10个工作日，本机关将于2024年6月17日前作出答复');
    expect(rendered.text).toContain('通信地址：测试区人民路1号（邮政编码：100001）；联系电话：010-87654321');
    expect(rendered.html).toContain('<article class="letter"');
    expect(rendered.html).toContain('<h1>政府信息公开申请延期答复告知书</h1>');
    expect(rendered.html).toContain('<div class="letter-signature"><p>测试区住房和城乡建设局</p><p>2024年5月20日</p></div>');
  });

  it('the Word file opens: A4, 仿宋 body, title, addressee, body, remedy clause, agency and date at the right', async () => {
    const rendered = await renderLetter(services, grantedCase(), 'granted', { letterDate: d('2024-05-20'), access: '随本答复书提供纸质复印件3页', documentNumber: '测建公开〔2024〕12号' });
    const { paragraphs, xml } = await readDocx(rendered.docx);
    const text = paragraphs.filter((p) => p !== '');
    expect(text[0]).toBe('政府信息公开申请答复书');
    expect(text[1]).toBe('测建公开〔2024〕12号');
    expect(text[2]).toBe('李四：');
    expect(text).toContain('本机关于2024年5月6日收到您提出的政府信息公开申请（申请编号：K2M4-P7Q9-R3T6），您申请公开“2023年测试区保障性住房分配名单”。');
    expect(text.some((p) => p.includes('自收到本答复之日起60日内') && p.includes('6个月内向人民法院提起行政诉讼'))).toBe(true);
    expect(text.slice(-2)).toEqual(['测试区住房和城乡建设局', '2024年5月20日']);
    expect(xml).toContain('w:w="11906" w:h="16838"'); // A4
    expect(xml).toContain('w:jc w:val="right"');
    const l = rendered.letter;
    expect(text).toEqual([l.title, l.documentNumber, l.addressee, ...l.paragraphs, ...l.signature]);
  });

  it('a letter without a fact the case lacks shows it to fill in and is refused when sent', async () => {
    const rendered = await renderLetter(services, grantedCase(), 'fee');
    expect(rendered.missing).toEqual(['收费金额']);
    expect(rendered.html).toContain('<mark class="letter-missing">【待填写：收费金额】</mark>');
    const refused = await freezeLetter(services, applicationId, 'fee', rendered, handler).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).status).toBe(422);
    expect((refused as AppError).message).toContain('收费金额');
  });
});

describe('templates and frozen letters', () => {
  it('edit → preview → send: the sent letter stays as it was after the template and settings change', async () => {
    const body = '{{申请人}}于{{收到申请日期}}申请的信息，本机关予以公开：{{获取方式}}。\n{{救济途径}}';
    const preview = await previewTemplate(services, agency.id, 'granted', { title: '{{机关名称}}政府信息公开答复书', body });
    expect(preview.title).toBe('测试区住房和城乡建设局政府信息公开答复书');
    expect(preview.paragraphs[0]).toContain('张三于2024年5月6日申请的信息');
    await saveAgencyTemplate(services, admin, agency.id, 'granted', { title: '{{机关名称}}政府信息公开答复书', body });
    await saveAgencySettings(services, admin, agency.id, { reconsiderationBody: '测试区人民政府', sealLine: '', feePayment: '' });

    const first = await renderLetter(services, grantedCase(), 'granted', { letterDate: d('2024-05-20'), access: '当面领取' });
    expect(first.text).toContain('李四于2024年5月6日申请的信息，本机关予以公开：当面领取。');
    expect(first.text).toContain('60日内向测试区人民政府申请行政复议');
    const sent = await freezeLetter(services, applicationId, 'granted', first, handler);

    await saveAgencyTemplate(services, admin, agency.id, 'granted', { title: '新的标题', body: '全新的正文：{{获取方式}}。' });
    await saveAgencySettings(services, admin, agency.id, { reconsiderationBody: '', sealLine: '', feePayment: '' });
    const later = await renderLetter(services, grantedCase(), 'granted', { access: '当面领取' });
    expect(later.letter.title).toBe('新的标题');

    const stored = await getCaseLetter(services, applicationId, sent.id);
    expect(stored.text).toBe(first.text);
    expect(stored.letter).toEqual(first.letter);
    expect(Buffer.from(stored.docx).equals(Buffer.from(first.docx))).toBe(true);
    expect((await readDocx(stored.docx)).paragraphs).toContain('测试区住房和城乡建设局政府信息公开答复书');
    expect(await listCaseLetters(services, applicationId)).toEqual([expect.objectContaining({ id: sent.id, kind: 'granted', title: '测试区住房和城乡建设局政府信息公开答复书' })]);
    // Not even the database lets the row change.
    await expect(services.db.query("UPDATE case_letters SET body_rendered = 'x' WHERE id = $1", [sent.id])).rejects.toThrow(/never changed/);

    const audits = await auditRows('letter.send');
    expect(audits.at(-1)).toMatchObject({ subject: `application:${applicationId}`, agency_id: agency.id, details: { letterId: sent.id, kind: 'granted' } });
    const saves = await auditRows('letter.template.save');
    expect(saves.at(-1)?.details).toMatchObject({ kind: 'granted', after: { title: '新的标题' }, before: { title: '{{机关名称}}政府信息公开答复书' } });
    expect((await auditRows('letter.settings.save')).at(-1)?.details).toEqual({ before: { reconsiderationBody: '测试区人民政府' }, after: { reconsiderationBody: null } });
  });

  it('going back to the default text', async () => {
    expect(await resetAgencyTemplate(services, admin, agency.id, 'granted')).toBe(true);
    expect((await renderLetter(services, grantedCase(), 'granted', { access: '当面领取' })).letter.title).toBe('政府信息公开申请答复书');
    expect(await resetAgencyTemplate(services, admin, agency.id, 'granted')).toBe(false);
    expect((await auditRows('letter.template.reset')).length).toBe(1);
  });

  it('refuses unknown placeholders, naming them, and stores nothing', async () => {
    const refused = await saveAgencyTemplate(services, admin, agency.id, 'denied', { title: '答复书', body: '{{申请人}}：{{申请人身份证号}}，{{答复日期}}' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).status).toBe(400);
    expect((refused as AppError).message).toContain('{{申请人身份证号}}、{{答复日期}}');
    expect((refused as AppError).details).toEqual({ fields: [{ field: 'body', message: expect.stringContaining('不认识的占位符') as string }] });
    const { rows } = await services.db.query('SELECT 1 FROM letter_templates WHERE agency_id = $1 AND kind = $2', [agency.id, 'denied']);
    expect(rows).toEqual([]);
  });

  it('only the agency’s administrator edits; only its staff who handle cases send', async () => {
    await expect(saveAgencyTemplate(services, handler, agency.id, 'denied', { title: 't', body: 'b' })).rejects.toMatchObject({ status: 403 });
    await expect(saveAgencyTemplate(services, outsider, agency.id, 'denied', { title: 't', body: 'b' })).rejects.toMatchObject({ status: 404 });
    const rendered = await renderLetter(services, grantedCase(), 'granted', { access: '当面领取' });
    await expect(freezeLetter(services, applicationId, 'granted', rendered, admin)).rejects.toMatchObject({ status: 403 });
    await expect(freezeLetter(services, applicationId, 'granted', rendered, outsider)).rejects.toMatchObject({ status: 404 });
    await expect(getCaseLetter(services, applicationId + 1000, 1)).rejects.toMatchObject({ status: 404 });
  });

  it('settings are checked, naming the field', async () => {
    await expect(saveAgencySettings(services, admin, agency.id, { sealLine: '章'.repeat(61) })).rejects.toMatchObject({
      status: 400, details: { fields: [{ field: 'sealLine', message: '落款最多 60 个字' }] },
    });
  });
});
