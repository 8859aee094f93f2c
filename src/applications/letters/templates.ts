/**
 * The default text of every letter, used until an agency's administrator saves its own. One
 * paragraph a line; a line whose placeholders all come out empty is left out (optional facts such as
 * 理由 of a grant stand on lines of their own). The addressee, 文号 and 落款 are laid out around the
 * body (model/template.ts), so the body starts with the first paragraph.
 */
import { LETTER_KIND_INFO, type LetterKind } from './model/kinds.ts';
import type { LetterTemplate } from './model/template.ts';

const RECEIVED = '本机关于{{收到申请日期}}收到您提出的政府信息公开申请（申请编号：{{申请编号}}），您申请公开“{{申请内容}}”。';
const REMEDY = '{{救济途径}}';
const CONTACT = '{{联系方式}}';
const REASONS = '{{理由}}。';

const lines = (...paragraphs: string[]) => paragraphs.join('\n');

/** The default body of each kind. */
export const DEFAULT_BODIES: Record<LetterKind, string> = {
  alreadyPublished: lines(
    RECEIVED,
    '经审查，您所申请公开的政府信息本机关已经主动公开。根据{{法律依据}}的规定，现告知您获取该政府信息的方式和途径：{{获取方式}}。',
    REMEDY, CONTACT,
  ),
  granted: lines(
    RECEIVED,
    '经审查，您所申请公开的政府信息{{理由类别}}。根据{{法律依据}}的规定，本机关予以公开：{{获取方式}}。',
    REASONS, REMEDY, CONTACT,
  ),
  partiallyGranted: lines(
    RECEIVED,
    '经审查，您所申请公开的政府信息中含有不应当公开的内容，但能够作区分处理。根据{{法律依据}}的规定，本机关向您提供可以公开的内容：{{获取方式}}。',
    '对不予公开的内容，理由如下：{{理由}}。',
    REMEDY, CONTACT,
  ),
  denied: lines(
    RECEIVED,
    '经审查，您所申请公开的政府信息{{理由类别}}。{{理由}}。根据{{法律依据}}的规定，本机关决定不予公开。',
    REMEDY, CONTACT,
  ),
  notHeld: lines(
    RECEIVED,
    '{{检索结果}}根据{{法律依据}}的规定，特此告知。',
    REASONS, REMEDY, CONTACT,
  ),
  needsCreation: lines(
    RECEIVED,
    '经审查，您所申请公开的政府信息{{理由类别}}方可形成。行政机关向申请人提供的政府信息，应当是已制作或者获取的政府信息。根据{{法律依据}}的规定，本机关不予提供。',
    REASONS, REMEDY, CONTACT,
  ),
  unclear: lines(
    RECEIVED,
    '本机关已告知您作出补正。您补正后的申请内容仍不明确，本机关无法确定您所申请公开的政府信息。根据{{法律依据}}的规定，特此告知。',
    REASONS, REMEDY, CONTACT,
  ),
  repeated: lines(
    RECEIVED,
    '经查，本机关已就您申请公开的相同政府信息作出答复，您重复申请公开相同的政府信息。根据{{法律依据}}的规定，本机关不予重复处理。',
    REASONS, REMEDY, CONTACT,
  ),
  notProcessed: lines(
    RECEIVED,
    '经审查，您{{理由类别}}。根据{{法律依据}}的规定，本机关对您的该项申请不再处理。',
    REASONS, REMEDY, CONTACT,
  ),
  specialProcedure: lines(
    RECEIVED,
    '经审查，您所申请的信息属于工商、不动产登记资料等有关法律、行政法规对信息的获取有特别规定的信息。根据{{法律依据}}的规定，请您依照有关法律、行政法规的规定办理：{{理由}}。',
    REMEDY, CONTACT,
  ),
  otherDisposal: lines(
    RECEIVED,
    '{{理由}}。根据{{法律依据}}的规定，特此告知。',
    REMEDY, CONTACT,
  ),
  correction: lines(
    RECEIVED,
    '经审查，您的申请内容不明确。根据{{法律依据}}的规定，请您对以下事项作出补正：{{补正事项}}。',
    '请您于{{补正期限}}向本机关提交补正后的申请。答复期限自本机关收到补正的申请之日起计算；您无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。',
    CONTACT,
  ),
  extension: lines(
    RECEIVED,
    '本机关不能在{{答复期限}}前作出答复。根据{{法律依据}}的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长{{延长工作日数}}个工作日，本机关将于{{延长后答复期限}}前作出答复。',
    REASONS, CONTACT,
  ),
  thirdParty: lines(
    // The applicant is not named to the third party: it needs only what is asked for.
    '本机关于{{收到申请日期}}收到一项政府信息公开申请，申请公开“{{申请内容}}”。经审查，该政府信息可能涉及您的商业秘密、个人隐私等合法权益，公开后可能损害您的合法权益。',
    '根据{{法律依据}}的规定，现书面征求您的意见。请您于{{第三方意见期限}}向本机关提出书面意见，说明是否同意公开；不同意公开的，请说明理由。逾期未提出意见的，由本机关依照《中华人民共和国政府信息公开条例》的规定决定是否公开。',
    CONTACT,
  ),
  fee: lines(
    RECEIVED,
    '您申请公开政府信息的数量、频次明显超过合理范围。根据{{法律依据}}的规定，本机关决定收取信息处理费{{收费金额}}。',
    '计算方式：{{收费依据}}。',
    '缴费方式：{{缴费方式}}。',
    '请您于{{缴费期限}}缴纳。您逾期未按照本通知的要求缴纳费用的，本机关不再处理该政府信息公开申请。',
    REMEDY, CONTACT,
  ),
};

/** The default template (title and body) of a kind. */
export function defaultTemplate(kind: LetterKind): LetterTemplate {
  return { title: LETTER_KIND_INFO[kind].title, body: DEFAULT_BODIES[kind] };
}
