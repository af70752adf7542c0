import {
  Button,
  Checkbox,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { BulkLinkResult, LinkProposal, SyncProgress } from '@workplace-sync/shared';
import { useState } from 'react';
import { useLocalizer } from '../i18n/use-localizer.js';
import { panelHeadingStyle, panelStyle } from './panel-styles.js';
import { Pager, pageOf } from './pager.js';
import { BulkSyncProgress } from './sync-progress-text.js';

const useStyles = makeStyles({
  panel: panelStyle,
  heading: panelHeadingStyle,
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
});

export type BulkLinkPanelProps = {
  proposals: LinkProposal[] | null;
  results: BulkLinkResult['results'] | null;
  /** The first syncs of the rooms the latest bulk link linked. */
  bulkProgress: SyncProgress[];
  isBusy: boolean;
  onPropose: (by: Array<'email' | 'name'>) => void;
  onApply: (proposals: LinkProposal[]) => void;
};

const keyOf = (proposal: LinkProposal) => `${proposal.areaId} ${proposal.mailbox}`;

/** Bulk linking: propose links by email and/or name (a dry list), pick, then link the picked ones. */
export function BulkLinkPanel({ proposals, results, bulkProgress, isBusy, onPropose, onApply }: BulkLinkPanelProps) {
  const styles = useStyles();
  const { t } = useLocalizer();
  const [byEmail, setByEmail] = useState(true);
  const [byName, setByName] = useState(false);
  const [unpicked, setUnpicked] = useState<Set<string>>(new Set());
  const [page, setPage] = useState(0);
  const shown = pageOf(proposals ?? [], page);
  const picked = (proposals ?? []).filter((proposal) => !unpicked.has(keyOf(proposal)));
  const by = [...(byEmail ? (['email'] as const) : []), ...(byName ? (['name'] as const) : [])];
  return (
    <section className={styles.panel} aria-labelledby="bulk-heading">
      <h2 id="bulk-heading" className={styles.heading}>
        {t('bulkLink.heading')}
      </h2>
      <div className={styles.row}>
        <Checkbox
          label={t('bulkLink.byEmail')}
          checked={byEmail}
          onChange={(_event, data) => setByEmail(data.checked === true)}
        />
        <Checkbox
          label={t('bulkLink.byName')}
          checked={byName}
          onChange={(_event, data) => setByName(data.checked === true)}
        />
        <Button
          disabled={by.length === 0 || isBusy}
          onClick={() => {
            setUnpicked(new Set());
            setPage(0);
            onPropose(by);
          }}
        >
          {t('bulkLink.propose')}
        </Button>
      </div>
      {proposals && proposals.length === 0 ? <p>{t('bulkLink.noMatch')}</p> : null}
      {proposals && proposals.length > 0 ? (
        <>
          <Pager
            label={t('bulkLink.proposals')}
            page={shown.page}
            pages={shown.pages}
            total={proposals.length}
            onPage={setPage}
          />
          <Table size="small" aria-label={t('bulkLink.proposals')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('bulkLink.link')}</TableHeaderCell>
                <TableHeaderCell>{t('bulkLink.area')}</TableHeaderCell>
                <TableHeaderCell>{t('bulkLink.room')}</TableHeaderCell>
                <TableHeaderCell>{t('bulkLink.matchedBy')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {shown.rows.map((proposal) => (
                <TableRow key={keyOf(proposal)}>
                  <TableCell>
                    <Checkbox
                      aria-label={t('bulkLink.linkOne', { area: proposal.areaName, mailbox: proposal.mailbox })}
                      checked={!unpicked.has(keyOf(proposal))}
                      onChange={(_event, data) =>
                        setUnpicked((current) => {
                          const next = new Set(current);
                          if (data.checked === true) next.delete(keyOf(proposal));
                          else next.add(keyOf(proposal));
                          return next;
                        })
                      }
                    />
                  </TableCell>
                  <TableCell>{proposal.areaName}</TableCell>
                  <TableCell>
                    {proposal.roomName} ({proposal.mailbox})
                  </TableCell>
                  <TableCell>{t(`bulkLink.by.${proposal.matchedBy}`)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <div className={styles.row}>
            <Button appearance="primary" disabled={picked.length === 0 || isBusy} onClick={() => onApply(picked)}>
              {t('bulkLink.linkPicked', { count: picked.length })}
            </Button>
          </div>
        </>
      ) : null}
      {bulkProgress.length > 0 ? <BulkSyncProgress rooms={bulkProgress} /> : null}
      {results ? (
        <>
          <p>
            {t('bulkLink.outcome', {
              linked: results.filter((result) => result.outcome === 'linked').length,
              failed: results.filter((result) => result.outcome === 'failed').length,
            })}
          </p>
          {/* The failures to act on; the linked rooms show in the bar above and in the tables below. */}
          {results.some((result) => result.outcome === 'failed') ? (
            <ul aria-label={t('bulkLink.failures')}>
              {results
                .filter((result) => result.outcome === 'failed')
                .map((result) => (
                  <li key={`${result.areaId} ${result.mailbox}`}>
                    {t('bulkLink.failure', { area: result.areaId, mailbox: result.mailbox, reason: result.message })}
                  </li>
                ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
