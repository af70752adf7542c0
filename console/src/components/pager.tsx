import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { formatNumber } from '../format.js';
import { useLocalizer } from '../i18n/use-localizer.js';

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
  const { t, locale } = useLocalizer();
  const first = total === 0 ? 0 : page * PAGE_SIZE + 1;
  const last = Math.min(total, (page + 1) * PAGE_SIZE);
  return (
    <nav className={styles.pager} aria-label={t('pager.label', { list: label })}>
      <span>
        {t('pager.showing', {
          first: formatNumber(first, locale),
          last: formatNumber(last, locale),
          total: formatNumber(total, locale),
        })}
      </span>
      {pages > 1 ? (
        <>
          <Button size="small" disabled={page === 0} onClick={() => onPage(page - 1)}>
            {t('pager.previous')}
          </Button>
          <span>{t('pager.page', { page: formatNumber(page + 1, locale), pages: formatNumber(pages, locale) })}</span>
          <Button size="small" disabled={page >= pages - 1} onClick={() => onPage(page + 1)}>
            {t('pager.next')}
          </Button>
        </>
      ) : null}
    </nav>
  );
}
