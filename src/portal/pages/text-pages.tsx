/**
 * 政府信息公开指南 (the agency's contact facts from the agencies table, then its own text, or the
 * 条例's basics while it has written none) and 政府信息公开制度 (its text). The texts are HTML cleaned
 * when stored (src/catalog/public-read.ts).
 */
import { raw } from 'hono/html';
import type { Directory, PortalAgency } from '../directory.ts';
import { agencyPath, applyPath } from '../urls.ts';
import { PortalFrame, SECTION_LABELS } from './frame.tsx';

/** A link for staff who may edit the agency's texts (shown only to them: their pages are not shared). */
function EditLink(props: { agency: PortalAgency; canEdit: boolean }) {
  return props.canEdit ? <p class="no-print"><a href={`${agencyPath(props.agency.id)}/texts`}>修改本机关的公开指南和公开制度</a></p> : null;
}

/** The contact facts of an agency. */
function ContactFacts(props: { agency: PortalAgency }) {
  const a = props.agency;
  const facts: [string, string | null][] = [
    ['机关名称', a.name], ['办公地址', a.address], ['邮政编码', a.postcode], ['联系电话', a.phone], ['传真', a.fax],
    ['电子邮箱', a.email], ['办公时间', a.officeHours], ['统一社会信用代码', a.creditCode],
  ];
  return (
    <dl class="meta contact-facts">
      {facts.filter(([, v]) => v !== null && v !== '').map(([label, value]) => (
        <>
          <dt>{label}</dt>
          <dd>{label === '电子邮箱' ? <a href={`mailto:${value}`}>{value}</a> : value}</dd>
        </>
      ))}
    </dl>
  );
}

/** What a guide says while the agency has written none: the 条例's basics, with this site's links. */
function DefaultGuide(props: { agency: PortalAgency }) {
  const id = props.agency.id;
  return (
    <div class="rich-text">
      <h2>一、主动公开</h2>
      <p>本机关依照《中华人民共和国政府信息公开条例》第十九条、第二十条主动公开政府信息，通过本网站的<a href={agencyPath(id, 'catalog')}>政府信息公开目录</a>和<a href={agencyPath(id, 'statutory')}>法定主动公开内容</a>栏目发布。属于主动公开范围的政府信息，自该信息形成或者变更之日起20个工作日内予以公开（条例第二十六条）。</p>
      <h2>二、依申请公开</h2>
      <p>公民、法人或者其他组织可以向本机关申请获取相关政府信息（条例第二十七条），可以<a href={applyPath(id)}>在线提交申请</a>，也可以当面、邮寄或者传真提交。本机关能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内予以答复，需要延长的经负责人同意可延长不超过20个工作日（条例第三十三条）。</p>
      <h2>三、监督和救济</h2>
      <p>公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼（条例第五十一条）。</p>
    </div>
  );
}

/** /open/{id}/guide. */
export function GuidePage(props: { directory: Directory; agency: PortalAgency; html: string; canEdit: boolean }) {
  return (
    <PortalFrame directory={props.directory} agency={props.agency} section="guide" heading={`${props.agency.name}${SECTION_LABELS.guide}`} current={SECTION_LABELS.guide}>
      <EditLink agency={props.agency} canEdit={props.canEdit} />
      <section aria-labelledby="contact-heading">
        <h2 id="contact-heading">政府信息公开工作机构</h2>
        <ContactFacts agency={props.agency} />
      </section>
      {props.html ? <div class="rich-text">{raw(props.html)}</div> : <DefaultGuide agency={props.agency} />}
    </PortalFrame>
  );
}

/** /open/{id}/rules. */
export function RulesPage(props: { directory: Directory; agency: PortalAgency; html: string; canEdit: boolean }) {
  return (
    <PortalFrame directory={props.directory} agency={props.agency} section="rules" heading={`${props.agency.name}${SECTION_LABELS.rules}`} current={SECTION_LABELS.rules}>
      <EditLink agency={props.agency} canEdit={props.canEdit} />
      {props.html ? <div class="rich-text">{raw(props.html)}</div> : <p>本机关尚未在本网站发布政府信息公开制度。</p>}
    </PortalFrame>
  );
}
