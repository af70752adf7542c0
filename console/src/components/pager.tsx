import { Button, makeStyles, tokens } from '@fluentui/react-components';

export const PAGE_SIZE = 50;

const useStyles = makeStyles({
  pager: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

/** The rows of page `page` (0-based, clamped to the last page). */
export function pageOf<T>(items: readonly T[], page: number): { rows: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
  const current = Math.min(Math.max(0, page), pages - 1);
  return { rows: items.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE), page: current, pages };
}

/** "Showing 51–100 of 1,000", Previous and Next. */
export function Pager({
  label,
  page,
  pages,
  total,
  onPage,
}: {
  label: string;
  page: number;
  pages: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const styles = useStyles();
  const first = total === 0 ? 0 : page * PAGE_SIZE + 1;
  const last = Math.min(total, (page + 1) * PAGE_SIZE);
  return (
    <nav className={styles.pager} aria-label={`${label} pages`}>
      <span>
        Showing {first.toLocaleString()}–{last.toLocaleString()} of {total.toLocaleString()}
      </span>
      {pages > 1 ? (
        <>
          <Button size="small" disabled={page === 0} onClick={() => onPage(page - 1)}>
            Previous
          </Button>
          <span>
            Page {page + 1} of {pages}
          </span>
          <Button size="small" disabled={page >= pages - 1} onClick={() => onPage(page + 1)}>
            Next
          </Button>
        </>
      ) : null}
    </nav>
  );
}
