import { Button, Caption1, Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import type { Asset, CatalogItem, LineStatus } from '@workplace-sync/shared';
import { useEffect, useRef, useState } from 'react';
import type { EditableLine } from '../hooks/use-meeting-reservations.js';
import { StatusText } from './status-text.js';
import { describeLineStatus } from '../booking/describe-reservation.js';
import { useLocalizer } from '../i18n/use-localizer.js';

export type LinesEditorProps = {
  lines: EditableLine[];
  onChange: (lines: EditableLine[]) => void;
  assets: Asset[];
  catalogItems: CatalogItem[];
  isCateringAllowed: boolean;
  /** Statuses of saved lines, by line id (read mode). */
  statusOf?: (line: EditableLine) => LineStatus | undefined;
  disabled?: boolean;
};

const useStyles = makeStyles({
  root: {
    border: 'none',
    padding: 0,
    margin: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
  },
  legend: { padding: 0, fontWeight: tokens.fontWeightSemibold },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
  },
  line: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) 5.5rem auto',
    columnGap: tokens.spacingHorizontalS,
    alignItems: 'end',
  },
  name: { minWidth: 0, overflowWrap: 'anywhere' },
  add: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) auto',
    columnGap: tokens.spacingHorizontalS,
    alignItems: 'end',
  },
  cell: { minWidth: 0 },
  // A native select is as wide as its longest option, and a native input as its 20-character default
  // size, unless told otherwise: the quantity's input otherwise spills over the Remove button.
  fill: { minWidth: 0, width: '100%' },
});

const keyOf = (line: Pick<EditableLine, 'kind' | 'objectId'>) => `${line.kind}:${line.objectId}`;

/** Equipment and catering lines: add, change the quantity, remove. The room line is the room itself. */
export function LinesEditor({
  lines,
  onChange,
  assets,
  catalogItems,
  isCateringAllowed,
  statusOf,
  disabled,
}: LinesEditorProps) {
  const styles = useStyles();
  const words = useLocalizer();
  const { t } = words;
  const [toAdd, setToAdd] = useState('');
  // Where keyboard focus goes once the lines re-render: the control that replaced the one just used
  // (the Add button is disabled after adding, a Remove button is gone after removing).
  const [focusAfterChange, setFocusAfterChange] = useState<string | null>(null);
  const controls = useRef(new Map<string, HTMLElement>());
  const keep = (key: string) => (element: HTMLElement | null) => {
    if (element) controls.current.set(key, element);
    else controls.current.delete(key);
  };
  useEffect(() => {
    if (focusAfterChange === null) return;
    controls.current.get(focusAfterChange)?.focus();
    setFocusAfterChange(null);
  }, [focusAfterChange, lines]);
  const nameOf = (line: EditableLine) =>
    (line.kind === 'equipment'
      ? assets.find((asset) => asset.id === line.objectId)
      : catalogItems.find((item) => item.id === line.objectId)
    )?.name ?? line.objectId;
  const taken = new Set(lines.map(keyOf));
  const addable = [
    ...assets.map((asset) => ({
      key: keyOf({ kind: 'equipment', objectId: asset.id }),
      label: asset.name,
      group: 'equipment',
    })),
    ...(isCateringAllowed
      ? catalogItems.map((item) => ({
          key: keyOf({ kind: 'catering', objectId: item.id }),
          label: item.name,
          group: 'catering',
        }))
      : []),
  ].filter((option) => !taken.has(option.key));
  const add = () => {
    const [kind, ...rest] = toAdd.split(':');
    if (!toAdd || (kind !== 'equipment' && kind !== 'catering')) return;
    onChange([...lines, { kind, objectId: rest.join(':'), quantity: 1 }]);
    setToAdd('');
    setFocusAfterChange(`quantity:${toAdd}`);
  };
  const remove = (index: number) => {
    const next = lines[index + 1] ?? lines[index - 1];
    onChange(lines.filter((_entry, position) => position !== index));
    setFocusAfterChange(next ? `remove:${keyOf(next)}` : 'add');
  };
  return (
    <fieldset className={styles.root} disabled={disabled}>
      <legend className={styles.legend}>{t('lines.legend')}</legend>
      {lines.length === 0 ? (
        <Caption1>{t('lines.none')}</Caption1>
      ) : (
        <ul className={styles.list}>
          {lines.map((line, index) => {
            const name = nameOf(line);
            const status = statusOf?.(line);
            return (
              <li key={keyOf(line)}>
                <div className={styles.line}>
                  <span className={styles.name}>
                    {name}
                    {status && (
                      <>
                        <br />
                        <StatusText {...describeLineStatus(status, words)} />
                      </>
                    )}
                  </span>
                  <Field label={t('lines.quantityOf', { name })} className={styles.cell}>
                    <Input
                      ref={keep(`quantity:${keyOf(line)}`)}
                      className={styles.fill}
                      input={{ className: styles.fill }}
                      type="number"
                      min={1}
                      value={String(line.quantity ?? 1)}
                      onChange={(_event, data) => {
                        const quantity = Math.max(1, Number.parseInt(data.value, 10) || 1);
                        onChange(lines.map((entry, position) => (position === index ? { ...entry, quantity } : entry)));
                      }}
                    />
                  </Field>
                  <Button
                    ref={keep(`remove:${keyOf(line)}`)}
                    aria-label={t('lines.removeName', { name })}
                    onClick={() => remove(index)}
                  >
                    {t('lines.remove')}
                  </Button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {addable.length > 0 && (
        <div className={styles.add}>
          <Field label={t('lines.addLabel')} className={styles.cell}>
            <Select
              ref={keep('add')}
              className={styles.fill}
              select={{ className: styles.fill }}
              value={toAdd}
              onChange={(_event, data) => setToAdd(data.value)}
            >
              <option value="">{t('lines.choose')}</option>
              {(['equipment', 'catering'] as const).map((group) => {
                const options = addable.filter((option) => option.group === group);
                return options.length === 0 ? null : (
                  <optgroup key={group} label={t(`lines.${group}`)}>
                    {options.map((option) => (
                      <option key={option.key} value={option.key}>
                        {option.label}
                      </option>
                    ))}
                  </optgroup>
                );
              })}
            </Select>
          </Field>
          <Button onClick={add} disabled={!toAdd}>
            {t('lines.add')}
          </Button>
        </div>
      )}
      {!isCateringAllowed && <Caption1>{t('lines.noCatering')}</Caption1>}
    </fieldset>
  );
}
