/**
 * Finding people: everyone for a system administrator, the staff of one's agencies for an agency
 * administrator; searched by username or name.
 */
import { ROLE_LABELS } from '../../platform/accounts/core/roles.ts';
import type { PersonWithRoles, RoleHeld } from '../admin-query.ts';

/** Props of PeoplePage. */
export interface PeoplePageProps {
  people: readonly PersonWithRoles[];
  search: string;
  /** More matched than are shown. */
  truncated: boolean;
  limit: number;
}

/** A role in words: 经办人（某某局）, or 系统管理员. */
export function roleInWords(r: RoleHeld): string {
  return r.agencyName === null ? ROLE_LABELS[r.role] : `${ROLE_LABELS[r.role]}（${r.agencyName}）`;
}

/** The page. */
export function PeoplePage(props: PeoplePageProps) {
  return (
    <>
      <p><a href="/admin/agencies">返回机关列表</a></p>
      <h1>人员</h1>
      <form class="filters" method="get" action="/admin/people" role="search" aria-label="查找人员">
        <div class="form-group">
          <label for="q">用户名或姓名（包含）</label>
          <input type="search" id="q" name="q" value={props.search} maxlength={50} />
        </div>
        <button type="submit" class="button">查找</button>
        {props.search ? <a href="/admin/people">显示全部</a> : null}
      </form>
      {props.people.length === 0 ? <p>{props.search ? '没有找到符合条件的人员。' : '还没有人员。'}</p> : (
        <>
          {props.truncated ? <p>只列出前 {props.limit} 人，请输入用户名或姓名缩小范围。</p> : null}
          <div class="table-wrap" role="region" tabindex={0} aria-label="人员列表">
            <table class="stack-on-phone">
              <thead><tr><th scope="col">姓名</th><th scope="col">用户名</th><th scope="col">角色</th><th scope="col">状态</th></tr></thead>
              <tbody>
                {props.people.map((p) => (
                  <tr>
                    <td class="agency"><a href={`/admin/people/${p.id}`}>{p.name}</a></td>
                    <td data-label="用户名">{p.username}</td>
                    <td data-label="角色">{p.roles.length === 0 ? '（无角色）' : p.roles.map(roleInWords).join('；')}</td>
                    <td data-label="状态">{p.disabledAt ? <span class="tag tag-error">已停用</span> : '正常'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
