import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import type { FailedItem } from '@workplace-sync/shared';
import { formatDateTime } from '../format.js';

/** Work that failed for good, with "retry" (the job goes back to the queue). */
export function FailedItemsView({ items, onRetry }: { items: FailedItem[]; onRetry: (item: FailedItem) => void }) {
  if (items.length === 0) return <p>No failed items.</p>;
  return (
    <Table size="small" aria-label="Failed items">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>What</TableHeaderCell>
          <TableHeaderCell>For</TableHeaderCell>
          <TableHeaderCell>Error</TableHeaderCell>
          <TableHeaderCell>Attempts</TableHeaderCell>
          <TableHeaderCell>Since</TableHeaderCell>
          <TableHeaderCell>Retry</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((item) => (
          <TableRow key={item.id}>
            <TableCell>{item.kind}</TableCell>
            <TableCell>{item.key}</TableCell>
            <TableCell>{item.error}</TableCell>
            <TableCell>{item.attempts}</TableCell>
            <TableCell>{formatDateTime(item.createdAt)}</TableCell>
            <TableCell>
              {item.retriedAt ? (
                `Retried ${formatDateTime(item.retriedAt)}`
              ) : (
                <Button
                  size="small"
                  aria-label={`Retry ${item.kind} ${item.key}`}
                  disabled={!item.isRetryable}
                  onClick={() => onRetry(item)}
                >
                  Retry
                </Button>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
