/**
 * The list of agencies as a tree (departments under their government), closed ones apart and folded.
 */
import { AGENCY_KIND_LABELS } from '../../platform/accounts/core/roles.ts';
import type { Agency } from '../../platform/accounts/store.ts';
import { formatDay } from './admin-format.ts';

/** Props of AgenciesPage. */
export interface AgenciesPageProps {
  /** The agencies the viewer may see (closed ones too). */
  agencies: readonly Agency[];
  /** The viewer may create agencies (sysAdmin). */
  canCreate: boolean;
}

/** Children of each agency among those shown; an agency whose parent is not shown is a root. */
function childrenOf(agencies: readonly Agency[]): { roots: Agency[]; children: Map<number, Agency[]> } {
  const shown = new Set(agencies.map((a) => a.id));
  const children = new Map<number, Agency[]>();
  const roots: Agency[] = [];
  for (const a of agencies) {
    if (a.parentId === null || !shown.has(a.parentId)) roots.push(a);
    else children.set(a.parentId, [...(children.get(a.parentId) ?? []), a]);
  }
  return { roots, children };
}

function AgencyItem(props: { agency: Agency; children: Map<number, Agency[]>; depth: number }) {
  const a = props.agency;
  const below = props.children.get(a.id) ?? [];
  return (
    <li>
      <a href={`/admin/agencies/${a.id}`}>{a.name}</a>{' '}
      <span class="muted">{AGENCY_KIND_LABELS[a.kind]}{a.creditCode ? ` · 统一社会信用代码 ${a.creditCode}` : ''}</span>
      {/* The tree is finite (no cycles are stored), but a page never recurses without a bound. */}
      {below.length > 0 && props.depth < 20 ? (
        <ul>{below.map((c) => <AgencyItem agency={c} children={props.children} depth={props.depth + 1} />)}</ul>
      ) : null}
    </li>
  );
}

/** The page. */
export function AgenciesPage(props: AgenciesPageProps) {
  const open = props.agencies.filter((a) => !a.closedAt);
  const closed = props.agencies.filter((a) => a.closedAt);
  const tree = childrenOf(open);
  return (
    <>
      <h1>机关和人员</h1>
      <div class="button-row">
        {props.canCreate ? <a class="button" href="/admin/agencies/new">新建机关</a> : null}
        <a class="button button-secondary" href="/admin/people">查找人员</a>
      </div>
      {open.length === 0 ? <p>还没有机关。</p> : (
        <ul class="agency-tree">
          {tree.roots.map((a) => <AgencyItem agency={a} children={tree.children} depth={0} />)}
        </ul>
      )}
      {closed.length > 0 ? (
        <details class="closed-agencies">
          <summary>已撤销的机关（{closed.length} 个）</summary>
          <ul>
            {closed.map((a) => (
              <li><a href={`/admin/agencies/${a.id}`}>{a.name}</a> <span class="muted">{formatDay(a.closedAt!)} 撤销</span></li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}
