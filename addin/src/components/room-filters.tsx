import { Checkbox, Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import type { Building, Floor } from '@workplace-sync/shared';
import type { RoomFilters as RoomFilterValues } from '../hooks/use-availability.js';
import { useLocalizer } from '../i18n/use-localizer.js';

export type RoomFiltersProps = {
  buildings: Building[];
  floors: Floor[];
  equipmentOptions: string[];
  value: RoomFilterValues;
  onChange: (value: RoomFilterValues) => void;
  attendeeCount: number;
};

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    border: 'none',
    padding: 0,
    margin: 0,
  },
  row: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', columnGap: tokens.spacingHorizontalS },
  equipment: {
    display: 'flex',
    flexWrap: 'wrap',
    border: 'none',
    padding: 0,
    margin: 0,
    columnGap: tokens.spacingHorizontalS,
  },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalXXS },
  // Grid items default to their content's width; a long option must not push the other column.
  cell: { minWidth: 0 },
  // A native select is as wide as its longest option unless told otherwise.
  fill: { minWidth: 0, width: '100%' },
});

/** 'video-conference' → 'Video conference'. */
export const equipmentLabel = (name: string) => {
  const words = name.replace(/[-_]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export function RoomFilters({ buildings, floors, equipmentOptions, value, onChange, attendeeCount }: RoomFiltersProps) {
  const styles = useStyles();
  const { t } = useLocalizer();
  const floorsOfBuilding = floors
    .filter((floor) => !value.buildingId || floor.buildingId === value.buildingId)
    .sort((a, b) => a.level - b.level);
  const toggleEquipment = (name: string, isChecked: boolean) =>
    onChange({
      ...value,
      equipment: isChecked ? [...value.equipment, name] : value.equipment.filter((entry) => entry !== name),
    });
  return (
    <fieldset className={styles.root}>
      <legend className={styles.legend}>{t('filters.legend')}</legend>
      <div className={styles.row}>
        <Field label={t('filters.building')} className={styles.cell}>
          <Select
            className={styles.fill}
            select={{ className: styles.fill }}
            value={value.buildingId}
            onChange={(_event, data) => onChange({ ...value, buildingId: data.value, floorId: '' })}
          >
            <option value="">{t('filters.allBuildings')}</option>
            {buildings.map((building) => (
              <option key={building.id} value={building.id}>
                {building.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('filters.floor')} className={styles.cell}>
          <Select
            className={styles.fill}
            select={{ className: styles.fill }}
            value={value.floorId}
            onChange={(_event, data) => onChange({ ...value, floorId: data.value })}
          >
            <option value="">{t('filters.allFloors')}</option>
            {floorsOfBuilding.map((floor) => (
              <option key={floor.id} value={floor.id}>
                {floor.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label={t('filters.people')} hint={t('filters.meetingHas', { count: attendeeCount })}>
        <Input
          type="number"
          min={1}
          inputMode="numeric"
          value={value.minCapacity === null ? '' : String(value.minCapacity)}
          onChange={(_event, data) => {
            const parsed = Number.parseInt(data.value, 10);
            onChange({ ...value, minCapacity: Number.isFinite(parsed) && parsed > 0 ? parsed : null });
          }}
        />
      </Field>
      {equipmentOptions.length > 0 && (
        <fieldset className={styles.equipment}>
          <legend className={styles.legend}>{t('filters.equipment')}</legend>
          {equipmentOptions.map((name) => (
            <Checkbox
              key={name}
              label={equipmentLabel(name)}
              checked={value.equipment.includes(name)}
              onChange={(_event, data) => toggleEquipment(name, data.checked === true)}
            />
          ))}
        </fieldset>
      )}
    </fieldset>
  );
}
